// Failures the product explains, in three kinds, so every platform answers them through one path:
//   UserError      the user's mistake (a bad value, a wrong command): say what was wrong and what to do;
//   OperatorError  something an organiser or operator must fix (a missing permission, an empty question bank):
//                  say what to fix, and log it as a warning;
//   anything else  a bug or an outage: log it with its context, answer "something went wrong".
// The key names a catalog string; a platform's own refusals use keys of its own catalog (K).
import type { MessageKey } from "./messages/index.js";
import type { Params } from "./messages/translate.js";

export class UserError<K extends string = MessageKey> extends Error {
  readonly userFacing = true;
  constructor(
    readonly key: K,
    readonly params: Params = {},
  ) {
    super(key);
    this.name = "UserError";
  }
}

export class OperatorError<K extends string = MessageKey> extends Error {
  readonly userFacing = true;
  constructor(
    readonly key: K,
    readonly params: Params = {},
  ) {
    super(key);
    this.name = "OperatorError";
  }
}

export function isUserError(err: unknown): err is UserError<string> {
  return err instanceof UserError;
}

export type Failure =
  | { kind: "user"; key: string; params: Params }
  | { kind: "operator"; key: string; params: Params }
  | { kind: "bug"; key: "error.internal"; params: Params };

/** What to tell the user about `err`, and how loudly to log it. */
export function classifyFailure(err: unknown): Failure {
  if (err instanceof UserError) return { kind: "user", key: err.key, params: err.params };
  if (err instanceof OperatorError) return { kind: "operator", key: err.key, params: err.params };
  return { kind: "bug", key: "error.internal", params: {} };
}
