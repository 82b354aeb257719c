// A transaction's logic, written once for both dialects as a generator that yields each statement's result:
// SQLite runs it synchronously inside better-sqlite3's transaction (which cannot span an await), PostgreSQL awaits
// each statement on the transaction's connection. `yield* got(statement)` reads as `await statement`.
import type { Got } from "./queries.js";

export type Steps<T> = Generator<unknown, T, unknown>;

export function* got<T>(result: Got<T>): Steps<T> {
  return (yield result) as T;
}

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

export function runSync<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (!next.done) {
    if (isPromise(next.value)) throw new Error("a synchronous transaction was given a promise");
    next = steps.next(next.value);
  }
  return next.value;
}

export async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let next = steps.next();
  while (!next.done) next = steps.next(await next.value);
  return next.value;
}
