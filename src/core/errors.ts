// A UserError is a refusal the user can act on: platforms render t(locale, key, params) and never a stack.
export class UserError extends Error {
  readonly userFacing = true;
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
    message?: string,
  ) {
    super(message ?? key);
    this.name = "UserError";
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
