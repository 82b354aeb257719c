// The wording of the organiser tools' replies, once for every platform: each platform passes its markup (how it
// writes a channel, a member, a role, a moment, code, text the user typed) and lays the lines out its own way.
import type { ResultOf } from "../commands/results.js";
import type { Locale } from "../locale.js";
import { t } from "./index.js";
import type { Markup } from "./replies.js";

export interface OrganiserMarkup extends Markup {
  /** a member by their platform id ("<@123>", "<@U123>", the console's name) */
  user(id: string): string;
  /** a role by its platform id ("<@&123>") */
  role(id: string): string;
}

/** At most this many problems are listed in chat; the rest are counted. */
export const MAX_PROBLEMS_SHOWN = 15;
const MAX_LISTED = 40;

export function importedLines(l: Locale, r: ResultOf<"imported">, m: OrganiserMarkup): string[] {
  const o = r.outcome;
  if (o.ok) return [t(l, "questions.imported", { file: m.escape(o.file), added: o.added, replaced: o.replaced, total: o.total })];
  const shown = o.problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => m.code(m.escape(`${p.file}:${p.line}: ${p.message}`)));
  const more = o.problems.length - shown.length;
  return [
    t(l, "questions.problems", { file: m.escape(o.file), count: o.problems.length }),
    ...shown,
    ...(more > 0 ? [t(l, "questions.more", { count: more })] : []),
    ...(o.drafts.length ? [t(l, "questions.drafts", { ids: m.escape(o.drafts.join(", ")) })] : []),
  ];
}

export function groupQuestionLines(l: Locale, r: ResultOf<"groupQuestions">, m: OrganiserMarkup): string[] {
  const qs = r.list.questions;
  if (qs.length === 0) return [t(l, "questions.list_empty")];
  const cut = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
  return [
    t(l, "questions.list_title", { count: qs.length }),
    ...qs.slice(0, MAX_LISTED).map((q) => `${m.code(q.id)} · ${m.escape(q.topic)} · ${m.escape(cut(q.prompt.replace(/\s+/g, " ")))}`),
    ...(qs.length > MAX_LISTED ? [t(l, "questions.more", { count: qs.length - MAX_LISTED })] : []),
  ];
}

export function seasonLines(l: Locale, r: ResultOf<"seasonStarted">, m: OrganiserMarkup): string[] {
  const { season, closed } = r.change;
  return [...(closed ? [t(l, "season.closed", { name: m.escape(closed.name) })] : []), t(l, "season.started", { name: m.escape(season.name) })];
}

export function organiserLines(l: Locale, r: ResultOf<"organisers">, m: OrganiserMarkup): string[] {
  const { change, entries } = r.list;
  const who = (kind: "member" | "role", ref: string) => (kind === "member" ? m.user(ref) : t(l, "organisers.role", { role: m.role(ref) }));
  const lines: string[] = [];
  if (change) {
    const name = change.kind === "member" ? m.user(change.ref) : m.role(change.ref);
    const key = change.action === "added" ? (change.changed ? "organisers.added" : "organisers.already") : change.changed ? "organisers.removed" : "organisers.not_there";
    lines.push(t(l, key, { name }));
  }
  if (entries.length === 0) lines.push(t(l, "organisers.none"));
  else lines.push(t(l, "organisers.title"), ...entries.map((e) => `• ${who(e.kind, e.ref)}`));
  return lines;
}

export function nextLines(l: Locale, r: ResultOf<"nextQuestion">, m: OrganiserMarkup): string[] {
  const p = r.preview;
  const q = p.question;
  return [
    ...(p.skipped ? [t(l, "next.skipped", { id: m.escape(p.skipped) })] : []),
    t(l, "next.title", { name: m.escape(p.scheduleName), channel: m.channel(p.channelId), when: m.when(p.nextRun, l) }),
    t(l, "next.meta", { id: m.code(q.id), topic: m.escape(q.topic), difficulty: q.difficulty, own: q.own ? t(l, "next.own") : "" }),
    m.escape(q.prompt),
    ...q.choices.map((c) => `${c.label}. ${m.escape(c.text)}`),
    t(l, "next.answer", { answer: m.escape(q.correct) }),
    m.escape(q.explanation),
  ];
}

export function forgottenLines(l: Locale, r: ResultOf<"forgotten">, m: OrganiserMarkup): string[] {
  const o = r.outcome;
  const name = m.escape(o.name);
  if (!o.counts) return [t(l, o.self ? "forget.nothing_self" : "forget.nothing_other", { name })];
  return [t(l, o.self ? "forget.done_self" : "forget.done_other", { name, ...o.counts })];
}
