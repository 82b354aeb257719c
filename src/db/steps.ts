// A transaction's logic, written once for both dialects as a generator that yields each statement's result:
// SQLite runs it synchronously inside better-sqlite3's transaction (which cannot span an await), PostgreSQL awaits
// each statement on the transaction's connection. `yield* got(statement)` reads as `await statement`.
import type { Got } from "./queries.js";

export type Steps<T> = Generator<unknown, T, unknown>;

export function* got<T>(result: Got<T>): Steps<T> {
  return (yield result) as T;
}

/** Where a transaction's reads end: how many write statements follow (see Backend.transaction's `readsFirst`). */
export class WritesFollow {
  constructor(readonly count: number) {}
}

export function* writesFollow(count: number): Steps<void> {
  yield new WritesFollow(count);
}

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

export function runSync<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (!next.done) {
    if (isPromise(next.value)) throw new Error("a synchronous transaction was given a promise");
    next = steps.next(next.value instanceof WritesFollow ? undefined : next.value);
  }
  return next.value;
}

/** Runs the steps, awaiting each statement; `onWrites` is awaited where the steps mark their writes. */
export async function runAsync<T>(steps: Steps<T>, onWrites?: (mark: WritesFollow) => Promise<void>): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    const value = next.value;
    if (value instanceof WritesFollow) {
      await onWrites?.(value);
      next = steps.next(undefined);
    } else next = steps.next(await value);
  }
  return next.value;
}
