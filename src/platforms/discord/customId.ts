// Button custom ids: versioned, at most 100 characters, and validated when they come back from Discord.
// A click carries only what the button was built with, so anything in it may be stale (a card from before an
// upgrade) or forged (a modified client can send any string): parse strictly and say which.
//
//   sb1:ans:<roundId>:<choiceIndex>          answer a group round
//   sb1:prc:<practiceRoundId>:<choiceIndex>  answer a private practice question
//   sb1:sec:<file>#<line>                    open a note section (reveal source, lookup "more")
//   sb1:fgt:<userId>                         confirm /forget-me (only that user's click counts)
//   sb1:rev                                  the caller's next review (/review)

export const CUSTOM_ID_VERSION = "sb1";
export const CUSTOM_ID_MAX = 100;
const MAX_CHOICES = 6;

export type ButtonAction =
  | { kind: "answer"; roundId: number; choice: number }
  | { kind: "practice"; roundId: number; choice: number }
  | { kind: "section"; value: string }
  | { kind: "forget"; userId: string }
  | { kind: "review" };

/** `stale`: from another version of the bot; `invalid`: not something this bot ever builds. */
export type ParsedCustomId = { ok: true; action: ButtonAction } | { ok: false; reason: "stale" | "invalid" };

const ID = /^[1-9]\d{0,14}$/;
const SECTION = /^(?:[\p{L}\p{N}_.-]+\/)*[\p{L}\p{N}_.-]+#[1-9]\d{0,6}$/u;

export function answerId(roundId: number, choice: number): string {
  return build(`ans:${roundId}:${choice}`);
}

export function practiceId(roundId: number, choice: number): string {
  return build(`prc:${roundId}:${choice}`);
}

export function forgetId(userId: string): string {
  return build(`fgt:${userId}`);
}

/** The "next review" button. */
export function reviewId(): string {
  return build("rev");
}

/** `file#line` of a section (the part after "section:" of a Suggestion value); null when it cannot fit. */
export function sectionId(file: string, line: number): string | null {
  const ref = `${file}#${line}`;
  if (!SECTION.test(ref)) return null;
  const id = `${CUSTOM_ID_VERSION}:sec:${ref}`;
  return id.length <= CUSTOM_ID_MAX ? id : null;
}

/** The same from a lookup Suggestion's value ("section:<file>#<line>"). */
export function sectionIdOf(value: string): string | null {
  const m = /^section:(.+)#(\d+)$/.exec(value);
  return m ? sectionId(m[1]!, Number(m[2])) : null;
}

function build(rest: string): string {
  const id = `${CUSTOM_ID_VERSION}:${rest}`;
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom id longer than ${CUSTOM_ID_MAX}: ${id}`);
  return id;
}

export function parseCustomId(raw: string): ParsedCustomId {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > CUSTOM_ID_MAX) return { ok: false, reason: "invalid" };
  const [version, kind, ...rest] = raw.split(":");
  if (version !== CUSTOM_ID_VERSION) return { ok: false, reason: /^sb\d+$/.test(version ?? "") ? "stale" : "invalid" };
  if (kind === "ans" || kind === "prc") {
    const [round, choice, extra] = rest;
    if (extra !== undefined || !round || !choice || !ID.test(round) || !/^\d$/.test(choice)) return { ok: false, reason: "invalid" };
    const c = Number(choice);
    if (c >= MAX_CHOICES) return { ok: false, reason: "invalid" };
    return { ok: true, action: { kind: kind === "ans" ? "answer" : "practice", roundId: Number(round), choice: c } };
  }
  if (kind === "fgt") {
    const [user, extra] = rest;
    if (extra !== undefined || !user || !/^\d{1,25}$/.test(user)) return { ok: false, reason: "invalid" };
    return { ok: true, action: { kind: "forget", userId: user } };
  }
  if (kind === "rev") return rest.length === 0 ? { ok: true, action: { kind: "review" } } : { ok: false, reason: "invalid" };
  if (kind === "sec") {
    const ref = rest.join(":");
    if (!SECTION.test(ref) || ref.includes("..")) return { ok: false, reason: "invalid" };
    return { ok: true, action: { kind: "section", value: `section:${ref}` } };
  }
  return { ok: false, reason: "invalid" };
}
