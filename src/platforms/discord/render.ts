// Core results → Discord message bodies (embeds and buttons as raw API JSON, so what the tests see on the
// wire is exactly what is built here). Every body goes through `fitEmbeds`, so nothing exceeds Discord's limits.
import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from "discord.js";
import type { GroupStatus, PauseNotice, PracticeResult, ScheduleView } from "../../core/app.js";
import type { FileAttachment, History, Leaderboard, LeaderboardRow, MemberStats, QuestionCard, RevealedCard, SourceRef } from "../../core/cards.js";
import type { Renderers } from "../../core/commands/index.js";
import { config as configSpec } from "../../core/commands/organiser.js";

import type { Locale } from "../../core/locale.js";
import { answerOutcomeText, historyParts, nobodyText, secondsText } from "../../core/messages/format.js";
import { pausedText, pauseWarnings, postedText, revealedText, scheduleSavedText, settingsLines, statusParts, unscheduledText, usageText } from "../../core/messages/replies.js";
import { trimAtLine } from "../../core/notes/lookup.js";
import type { LookupResult, Section, Suggestion } from "../../core/notes/types.js";
import { dueTodayText, readinessParts, reminderText, reviewHeadText, reviewSummaryText } from "../../core/review/format.js";
import type { Readiness, ReviewPrompt } from "../../core/review/types.js";
import { answerId, forgetId, practiceId, reviewId, sectionId, sectionIdOf } from "./customId.js";
import { forgottenLines, groupQuestionLines, importedLines, nextLines, organiserLines, seasonLines, type OrganiserMarkup } from "../../core/messages/organiser-replies.js";
import { clip, fitEmbeds, LIMITS } from "./limits.js";
import { permissionNames, td as t } from "./messages.js";

export interface MessageBody {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
  allowed_mentions: { parse: [] };
  /** attached files (sent as multipart form data) */
  files?: FileAttachment[];
}

const COLOR = { card: 0x5865f2, revealed: 0x57f287, lookup: 0x3498db, board: 0xf1c40f, stats: 0x9b59b6, practice: 0x95a5a6, admin: 0x99aab5, history: 0x1abc9c } as const;
/** Lookup snippets are asked of the core at this size; the rest of the 4096 leaves room for the marker. */
export const LOOKUP_MAX_CHARS = 3500;
const MAX_MORE = 4;

const body = (embeds: APIEmbed[], components: MessageBody["components"] = []): MessageBody => ({
  embeds: fitEmbeds(embeds),
  components,
  allowed_mentions: { parse: [] },
});

function rows(buttons: APIButtonComponent[]): MessageBody["components"] {
  const out: MessageBody["components"] = [];
  for (let i = 0; i < buttons.length && out.length < LIMITS.rows; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}

const stars = (d: number) => "★".repeat(d) + "☆".repeat(Math.max(0, 3 - d));
const unix = (d: Date) => Math.floor(d.getTime() / 1000);
const name = (displayName: string) => escapeMarkdown(displayName);

function cardTitle(card: QuestionCard): string {
  return `${card.topic.name} · ${stars(card.difficulty)}`;
}

function choiceLines(card: QuestionCard): string {
  return card.choices.map((c) => `**${c.label}.** ${c.text}`).join("\n");
}

// ---------------------------------------------------------------------------------------------- daily card

export function questionCard(card: QuestionCard): MessageBody {
  const l = card.locale;
  const embed: APIEmbed = {
    color: COLOR.card,
    title: cardTitle(card),
    description: `${card.prompt}\n\n${choiceLines(card)}\n\n⏰ ${t(l, "quiz.reveal_at", { time: `<t:${unix(card.revealAt)}:t> (<t:${unix(card.revealAt)}:R>)` })}`,
    footer: { text: t(l, "card.choose") },
  };
  const buttons = card.choices.map<APIButtonComponent>((c, i) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: c.label,
    custom_id: answerId(card.roundId, i),
  }));
  return body([embed], rows(buttons));
}

function sourceBreadcrumb(source: SourceRef): string {
  const trail = source.path.length ? source.path.join(" › ") : source.heading;
  return `${trail}\n\`${source.line > 0 ? `${source.file}:${source.line}` : source.file}\``;
}

function fastestLines(card: RevealedCard): string {
  const nobody = nobodyText(card.locale, card);
  if (nobody) return nobody;
  const medals = ["🥇", "🥈", "🥉"];
  return card.fastestCorrect.map((f, i) => `${medals[i] ?? `${i + 1}.`} ${name(f.displayName)} · ${secondsText(card.locale, f.seconds)}`).join("\n");
}

/** The card as edited at reveal: correct choice, counts, explanation, source, fastest correct answerers. */
export function revealedCard(card: RevealedCard, opts: { practice?: boolean } = {}): MessageBody {
  const l = card.locale;
  const correct = card.choices[card.correctIndex];
  const counted = (i: number) => (opts.practice ? "" : ` — ${card.counts[i] ?? 0}`);
  const fields: NonNullable<APIEmbed["fields"]> = [{ name: t(l, "card.explanation"), value: card.explanation || "—" }];
  if (card.source) fields.push({ name: t(l, "card.source"), value: sourceBreadcrumb(card.source) });
  if (!opts.practice) fields.push({ name: t(l, "card.fastest"), value: fastestLines(card) });
  const choices = card.choices.map((c, i) => `${i === card.correctIndex ? "✅" : "▫️"} **${c.label}.** ${c.text}${counted(i)}`).join("\n");
  const answerLine = correct ? `**${t(l, "quiz.correct_answer", { label: correct.label, text: correct.text })}**` : "";
  const embed: APIEmbed = {
    color: opts.practice ? COLOR.practice : COLOR.revealed,
    title: `${cardTitle(card)} · ${t(l, opts.practice ? "card.practice" : "card.revealed")}`,
    description: `${card.prompt}\n\n${choices}\n\n${answerLine}`,
    fields,
    footer: opts.practice ? undefined : { text: t(l, "quiz.answered_count", { count: card.answered }) },
  };
  const buttons = card.choices.map<APIButtonComponent>((c, i) => ({
    type: ComponentType.Button,
    style: i === card.correctIndex ? ButtonStyle.Success : ButtonStyle.Secondary,
    label: opts.practice ? c.label : `${c.label} · ${card.counts[i] ?? 0}`,
    custom_id: opts.practice ? practiceId(card.roundId, i) : answerId(card.roundId, i),
    disabled: true,
  }));
  const components = rows(buttons);
  const src = card.source && sectionId(card.source.file, card.source.line);
  if (src) components.push({ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: t(l, "card.open_source"), custom_id: src, emoji: { name: "📖" } }] });
  return body([embed], components);
}

/** A private practice question: same card, practice buttons, no reveal time. */
export function practiceCard(card: QuestionCard): MessageBody {
  const l = card.locale;
  const embed: APIEmbed = {
    color: COLOR.practice,
    title: `${cardTitle(card)} · ${t(l, "card.practice")}`,
    description: `${card.prompt}\n\n${choiceLines(card)}`,
  };
  const buttons = card.choices.map<APIButtonComponent>((c, i) => ({ type: ComponentType.Button, style: ButtonStyle.Primary, label: c.label, custom_id: practiceId(card.roundId, i) }));
  return body([embed], rows(buttons));
}

// ---------------------------------------------------------------------------------------------- lookup

function sectionButtons(sections: Array<Pick<Section, "file" | "line" | "heading">>): APIButtonComponent[] {
  const out: APIButtonComponent[] = [];
  for (const s of sections) {
    const id = sectionId(s.file, s.line);
    if (id) out.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: clip(s.heading || s.file, LIMITS.buttonLabel), custom_id: id });
  }
  return out;
}

export function sectionEmbed(section: Section, snippet: string, l: Locale): APIEmbed {
  return {
    color: COLOR.lookup,
    title: clip(section.path.length ? section.path.join(" › ") : section.heading, LIMITS.embedTitle),
    description: snippet || "—",
    footer: { text: t(l, "lookup.from", { file: section.file, line: section.line }) },
  };
}

/** One note section on its own (the reveal's source button, a lookup's "more" buttons). */
export function sectionMessage(section: Section, l: Locale): MessageBody {
  return body([sectionEmbed(section, trimAtLine(section.text, LOOKUP_MAX_CHARS).text || t(l, "lookup.empty_section"), l)]);
}

export function lookupResult(result: LookupResult, l: Locale): MessageBody {
  const [best, ...rest] = result.hits;
  if (!best) {
    const lines = [t(l, "lookup.none", { query: clip(result.query, 200) })];
    if (result.suggestions.length) lines.push("", `**${t(l, "lookup.maybe")}**`, ...result.suggestions.map((s) => `• ${s.label}`));
    else lines.push("", t(l, "lookup.try_other"));
    const buttons = suggestionButtons(result.suggestions.slice(0, LIMITS.buttonsPerRow));
    return body([{ color: COLOR.lookup, description: lines.join("\n") }], rows(buttons));
  }
  const embed = sectionEmbed(best.section, best.snippet, l);
  const more = rest.slice(0, MAX_MORE);
  if (more.length) embed.fields = [{ name: t(l, "lookup.more"), value: more.map((h) => `• ${h.section.path.join(" › ") || h.section.heading}`).join("\n") }];
  return body([embed], rows(sectionButtons(more.map((h) => h.section))));
}

function suggestionButtons(suggestions: Suggestion[]): APIButtonComponent[] {
  const out: APIButtonComponent[] = [];
  for (const s of suggestions) {
    const id = sectionIdOf(s.value);
    if (id) out.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: clip(s.label, LIMITS.buttonLabel), custom_id: id });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- boards

function boardLine(r: LeaderboardRow, l: Locale): string {
  const line = t(l, "leaderboard.row", { rank: r.rank, name: name(r.displayName), points: r.points, accuracy: Math.round(r.accuracy * 100), correct: r.correct, answered: r.answered, streak: r.streak });
  const medal = ["🥇", "🥈", "🥉"][r.rank - 1];
  return medal ? `${medal} ${line}` : line;
}

export function leaderboard(board: Leaderboard): MessageBody {
  const l = board.locale;
  const season = board.season;
  const embed: APIEmbed = {
    color: COLOR.board,
    title: season ? t(l, "leaderboard.season", { name: season.name }) : t(l, `period.${board.period}`),
    description: [
      ...(season?.to ? [t(l, "leaderboard.season_closed", { from: `<t:${unix(season.from)}:d>`, to: `<t:${unix(season.to)}:d>` }), ""] : []),
      ...(board.topic ? [t(l, "leaderboard.topic", { topic: board.topic.name }), ""] : []),
      ...(board.rows.length ? board.rows.map((r) => boardLine(r, l)) : [t(l, "leaderboard.empty")]),
      // The window's start (Monday 00:00 or the 1st, in the group's time zone), shown in each reader's own.
      ...(board.from && !season?.to ? ["", `📅 <t:${unix(board.from)}:d> – <t:${unix(board.to)}:d>`] : []),
    ].join("\n"),
  };
  if (board.caller) embed.fields = [{ name: t(l, "leaderboard.you"), value: boardLine(board.caller, l) }];
  return body([embed]);
}

export function stats(s: MemberStats): MessageBody {
  const l = s.locale;
  const pct = (x: number) => Math.round(x * 100);
  if (s.answered === 0) return body([{ color: COLOR.stats, title: t(l, "stats.title", { name: name(s.displayName) }), description: `${t(l, "stats.none")}\n${reviewSummaryText(l, s.review)}` }]);
  const embed: APIEmbed = {
    color: COLOR.stats,
    title: t(l, "stats.title", { name: name(s.displayName) }),
    description: [
      t(l, "stats.summary", { answered: s.answered, correct: s.correct, accuracy: pct(s.accuracy), points: s.points }),
      t(l, "stats.streak", { current: s.currentStreak, best: s.bestStreak }),
      s.rank === null ? t(l, "stats.rank_none") : t(l, "stats.rank", { rank: s.rank }),
      reviewSummaryText(l, s.review),
    ].join("\n"),
  };
  if (s.bySchedule) embed.description += `\n${t(l, "stats.schedules", { list: s.bySchedule.map((x) => `${channelMention(x.channelId)} ${x.name} ${x.current}`).join(" · ") })}`;
  if (s.byTopic.length) {
    embed.fields = [{ name: t(l, "stats.by_topic"), value: s.byTopic.map((x) => t(l, "stats.topic", { name: x.name, correct: x.correct, answered: x.answered, accuracy: pct(x.accuracy) })).join("\n") }];
  }
  return body([embed]);
}

// ---------------------------------------------------------------------------------------------- organisers

/** Discord renders a timestamp in each reader's own time zone and language. */
export const when = (d: Date | null, l: Locale) => (d ? `<t:${unix(d)}:f> (<t:${unix(d)}:R>)` : t(l, "admin.none"));
export const channelMention = (id: string) => (/^\d+$/.test(id) ? `<#${id}>` : id);

/** How Discord writes what the shared organiser replies name. */
export const discordMarkup: OrganiserMarkup = {
  channel: channelMention,
  when,
  code: (text) => `\`${text.replace(/`/g, "ˋ")}\``,
  escape: (text) => text,
  failureDetail: (detail, l) => permissionNames(l, detail),
  user: (id) => `<@${id}>`,
  role: (id) => `<@&${id}>`,
};
const markup = discordMarkup;

export function scheduleSaved(v: ScheduleView, l: Locale): MessageBody {
  return notice(`✅ ${channelMention(v.channelId)} · ${scheduleSavedText(l, v, markup)}`);
}

export function status(s: GroupStatus): MessageBody {
  const l = s.locale;
  const p = statusParts(s, markup);
  const embed: APIEmbed = {
    color: COLOR.admin,
    title: p.title,
    description: p.questions,
    fields: [
      { name: t(l, "admin.settings"), value: p.settings },
      { name: t(l, "admin.schedules"), value: p.schedules.join("\n") || p.noSchedule },
      { name: t(l, "admin.open"), value: p.open.join("\n") || t(l, "admin.none") },
    ],
  };
  return body([embed]);
}

export function history(h: History): MessageBody {
  const l = h.locale;
  if (h.entries.length === 0) return notice(t(l, "history.empty"));
  const embed: APIEmbed = {
    color: COLOR.history,
    title: t(l, "history.title", { count: h.entries.length }),
    fields: h.entries.map((e) => {
      const p = historyParts(l, e, escapeMarkdown);
      const source = e.source ? `\n📖 ${e.source.path.join(" › ") || e.source.heading}` : "";
      return { name: clip(p.title, LIMITS.fieldName), value: clip(`✅ ${p.answer}\n${p.yours} · ${p.group} · <t:${unix(e.revealedAt)}:d>${source}`, LIMITS.fieldValue) };
    }),
  };
  const buttons = sectionButtons(h.entries.flatMap((e) => (e.source && e.source.line > 0 ? [{ file: e.source.file, line: e.source.line, heading: e.source.heading }] : [])));
  return body([embed], rows(buttons));
}

function practiceAnswer(r: PracticeResult): MessageBody {
  const l = r.locale;
  const verdict = r.repeated
    ? t(l, "quiz.practice_repeated", { label: r.choiceLabel })
    : r.correct
      ? `🎉 ${t(l, "quiz.practice_correct", { label: r.choiceLabel })}`
      : `❌ ${t(l, "quiz.practice_wrong", { label: r.choiceLabel, correct: r.choices[r.correctIndex]?.label ?? "?" })}`;
  const card = revealedCard(r, { practice: true });
  const section = r.after.section;
  const embeds = card.embeds.map((e, i) => (i === 0 && section ? { ...e, fields: [...(e.fields ?? []), { name: t(l, "review.note"), value: clip(section.text || "—", LIMITS.fieldValue) }] } : e));
  const next: APIButtonComponent = { type: ComponentType.Button, style: ButtonStyle.Primary, label: t(l, "review.next_button"), custom_id: reviewId() };
  const components = r.after.dueToday > 0 ? [...card.components, ...rows([next])].slice(0, LIMITS.rows) : card.components;
  return { ...body(embeds, components), content: `${verdict}\n${dueTodayText(l, r.after.dueToday)}` };
}

/** /review: the next question as a practice card, with why it is asked; or what is next when nothing is due. */
function reviewPrompt(r: ReviewPrompt): MessageBody {
  const l = r.locale;
  const head = `🔁 ${reviewHeadText(l, r, (d) => `<t:${unix(d)}:f> (<t:${unix(d)}:R>)`)}\n${reviewSummaryText(l, r.summary)}`;
  return r.card ? { ...practiceCard(r.card), content: head } : notice(head);
}

function readiness(r: Readiness): MessageBody {
  const p = readinessParts(r.locale, r, escapeMarkdown);
  const embed: APIEmbed = {
    color: COLOR.stats,
    title: clip(p.title, LIMITS.embedTitle),
    description: p.none ?? p.formula,
    fields: p.exams.map((e) => ({ name: clip(e.head, LIMITS.fieldName), value: clip([...(e.group ? [e.group] : []), ...e.domains.map((d) => `• ${d}`)].join("\n"), LIMITS.fieldValue) })),
  };
  return body([embed]);
}

export interface DiscordRenderContext {
  locale: Locale;
}

export const discordRenderers: Renderers<MessageBody, DiscordRenderContext> = {
  lookup: (r, c) => lookupResult(r.result, c.locale),
  section: (r, c) => sectionMessage(r.section, c.locale),
  practice: (r) => practiceCard(r.card),
  practiceAnswer: (r) => practiceAnswer(r.result),
  answer: (r, c) => {
    const o = r.outcome;
    const icon = o.kind !== "recorded" ? "" : o.correct === true ? "🎉 " : o.correct === false ? "❌ " : "✅ ";
    return notice(icon + answerOutcomeText(c.locale, o, r.chosen));
  },
  leaderboard: (r) => leaderboard(r.board),
  stats: (r) => stats(r.stats),
  history: (r) => history(r.history),
  review: (r) => reviewPrompt(r.review),
  reminder: (r) => notice(`⏰ ${reminderText(r.reminder.locale, r.reminder)}`),
  readiness: (r) => readiness(r.readiness),
  scheduled: (r, c) => scheduleSaved(r.view, c.locale),
  unscheduled: (r, c) => notice(`${channelMention(r.channelId)} · ${unscheduledText(c.locale, r)}`),
  paused: (r, c) => notice(`${r.view.paused ? "⏸️" : "▶️"} ${pausedText(c.locale, r.view, markup)}`),
  status: (r) => status(r.status),
  posted: (r, c) => notice(postedText(c.locale, r.card, r.channelId, markup, r.pending)),
  revealed: (r, c) => notice(revealedText(c.locale, r.card, r.channelId, markup)),
  settings: (r, c) => notice(settingsLines(c.locale, r, configSpec, markup).join("\n")),
  file: (r, c) => ({ ...notice(t(c.locale, r.message.key, r.message.params)), files: [r.file] }),
  usage: (r, c) => notice(usageText(c.locale, r, markup, { title: (x) => x, line: (x) => `• ${x}` }).join("\n")),
  imported: (r, c) => notice(importedLines(c.locale, r, markup).join("\n")),
  groupQuestions: (r, c) => notice(groupQuestionLines(c.locale, r, markup).join("\n")),
  questionRemoved: (r, c) => notice(t(c.locale, "questions.removed", { id: r.id })),
  seasonStarted: (r, c) => notice(seasonLines(c.locale, r, markup).join("\n")),
  organisers: (r, c) => notice(organiserLines(c.locale, r, markup).join("\n")),
  nextQuestion: (r, c) => notice(nextLines(c.locale, r, markup).join("\n")),
  forgetConfirm: (r, c) => ({
    ...notice(t(c.locale, "forget.confirm")),
    components: rows([{ type: ComponentType.Button, style: ButtonStyle.Danger, label: t(c.locale, "forget.button"), custom_id: forgetId(r.userId) }]),
  }),
  forgotten: (r, c) => notice(forgottenLines(c.locale, r, markup).join("\n")),
};

/** The reply with one warning line per schedule the bot paused (the organisers' next command tells them once). */
export function withWarnings(body: MessageBody, locale: Locale, notices: readonly PauseNotice[]): MessageBody {
  if (notices.length === 0) return body;
  const lines = pauseWarnings(locale, notices, markup).join("\n");
  return { ...body, content: clip(body.content ? `${lines}\n${body.content}` : lines, LIMITS.content) };
}

/** A short private text reply (acknowledgements, refusals). */
export function notice(text: string): MessageBody {
  return { content: clip(text, LIMITS.content), embeds: [], components: [], allowed_mentions: { parse: [] } };
}
