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
import type { GroupStatus, ScheduleView } from "../../core/app.js";
import type { Leaderboard, LeaderboardRow, MemberStats, QuestionCard, RevealedCard, SourceRef } from "../../core/cards.js";
import { scheduleParams, settingsParams } from "../../core/messages/format.js";
import { t, type Locale } from "../../core/messages/index.js";
import { trimAtLine } from "../../core/notes/lookup.js";
import type { LookupResult, Section, Suggestion } from "../../core/notes/types.js";
import { answerId, practiceId, sectionId, sectionIdOf } from "./customId.js";
import { clip, fitEmbeds, LIMITS } from "./limits.js";

export interface MessageBody {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
  allowed_mentions: { parse: [] };
}

const COLOR = { card: 0x5865f2, revealed: 0x57f287, lookup: 0x3498db, board: 0xf1c40f, stats: 0x9b59b6, practice: 0x95a5a6, admin: 0x99aab5 } as const;
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
    footer: { text: t(l, "discord.card.choose") },
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
  if (!card.fastestCorrect.length) return t(card.locale, "discord.card.nobody_correct");
  const medals = ["🥇", "🥈", "🥉"];
  return card.fastestCorrect.map((f, i) => `${medals[i] ?? `${i + 1}.`} ${name(f.displayName)} · ${f.seconds}s`).join("\n");
}

/** The card as edited at reveal: correct choice, counts, explanation, source, fastest correct answerers. */
export function revealedCard(card: RevealedCard, opts: { practice?: boolean } = {}): MessageBody {
  const l = card.locale;
  const correct = card.choices[card.correctIndex];
  const counted = (i: number) => (opts.practice ? "" : ` — ${card.counts[i] ?? 0}`);
  const fields: NonNullable<APIEmbed["fields"]> = [{ name: t(l, "discord.card.explanation"), value: card.explanation || "—" }];
  if (card.source) fields.push({ name: t(l, "discord.card.source"), value: sourceBreadcrumb(card.source) });
  if (!opts.practice) fields.push({ name: t(l, "discord.card.fastest"), value: fastestLines(card) });
  const choices = card.choices.map((c, i) => `${i === card.correctIndex ? "✅" : "▫️"} **${c.label}.** ${c.text}${counted(i)}`).join("\n");
  const answerLine = correct ? `**${t(l, "quiz.correct_answer", { label: correct.label, text: correct.text })}**` : "";
  const embed: APIEmbed = {
    color: opts.practice ? COLOR.practice : COLOR.revealed,
    title: `${cardTitle(card)} · ${t(l, opts.practice ? "discord.card.practice" : "discord.card.revealed")}`,
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
  if (src) components.push({ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: t(l, "discord.card.open_source"), custom_id: src, emoji: { name: "📖" } }] });
  return body([embed], components);
}

/** A private practice question: same card, practice buttons, no reveal time. */
export function practiceCard(card: QuestionCard): MessageBody {
  const l = card.locale;
  const embed: APIEmbed = {
    color: COLOR.practice,
    title: `${cardTitle(card)} · ${t(l, "discord.card.practice")}`,
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
    footer: { text: t(l, "discord.lookup.from", { file: section.file, line: section.line }) },
  };
}

/** One note section on its own (the reveal's source button, a lookup's "more" buttons). */
export function sectionMessage(section: Section, l: Locale): MessageBody {
  return body([sectionEmbed(section, trimAtLine(section.text, LOOKUP_MAX_CHARS).text, l)]);
}

export function lookupResult(result: LookupResult, l: Locale): MessageBody {
  const [best, ...rest] = result.hits;
  if (!best) {
    const lines = [t(l, "discord.lookup.none", { query: clip(result.query, 200) })];
    if (result.suggestions.length) lines.push("", `**${t(l, "discord.lookup.maybe")}**`, ...result.suggestions.map((s) => `• ${s.label}`));
    else lines.push("", t(l, "discord.lookup.try_other"));
    const buttons = suggestionButtons(result.suggestions.slice(0, LIMITS.buttonsPerRow));
    return body([{ color: COLOR.lookup, description: lines.join("\n") }], rows(buttons));
  }
  const embed = sectionEmbed(best.section, best.snippet, l);
  const more = rest.slice(0, MAX_MORE);
  if (more.length) embed.fields = [{ name: t(l, "discord.lookup.more"), value: more.map((h) => `• ${h.section.path.join(" › ") || h.section.heading}`).join("\n") }];
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
  const embed: APIEmbed = {
    color: COLOR.board,
    title: t(l, `leaderboard.title.${board.period}`),
    description: [
      ...(board.topic ? [t(l, "discord.leaderboard.topic", { topic: board.topic.name }), ""] : []),
      ...(board.rows.length ? board.rows.map((r) => boardLine(r, l)) : [t(l, "leaderboard.empty")]),
      // The window's start (Monday 00:00 or the 1st, in the group's time zone), shown in each reader's own.
      ...(board.from ? ["", `📅 <t:${unix(board.from)}:d> – <t:${unix(board.to)}:d>`] : []),
    ].join("\n"),
  };
  if (board.caller) embed.fields = [{ name: t(l, "leaderboard.you"), value: boardLine(board.caller, l) }];
  return body([embed]);
}

export function stats(s: MemberStats): MessageBody {
  const l = s.locale;
  const pct = (x: number) => Math.round(x * 100);
  const embed: APIEmbed = {
    color: COLOR.stats,
    title: t(l, "stats.title", { name: name(s.displayName) }),
    description: [
      t(l, "stats.summary", { answered: s.answered, correct: s.correct, accuracy: pct(s.accuracy), points: s.points }),
      t(l, "stats.streak", { current: s.currentStreak, best: s.bestStreak }),
      s.rank === null ? t(l, "stats.rank_none") : t(l, "stats.rank", { rank: s.rank }),
    ].join("\n"),
  };
  if (s.byTopic.length) {
    embed.fields = [{ name: t(l, "discord.stats.by_topic"), value: s.byTopic.map((x) => t(l, "stats.topic", { name: x.name, correct: x.correct, answered: x.answered, accuracy: pct(x.accuracy) }).trim()).join("\n") }];
  }
  return body([embed]);
}

// ---------------------------------------------------------------------------------------------- organisers

/** Discord renders a timestamp in each reader's own time zone and language. */
export const when = (d: Date | null, l: Locale) => (d ? `<t:${unix(d)}:f> (<t:${unix(d)}:R>)` : t(l, "discord.none"));
export const channelMention = (id: string) => (/^\d+$/.test(id) ? `<#${id}>` : id);

const scheduleLine = (v: ScheduleView, l: Locale, channelName: (id: string) => string = channelMention) =>
  scheduleParams(l, v, { channel: channelName(v.channelId), next: when(v.nextRun, l) });

export function scheduleSaved(v: ScheduleView, l: Locale): MessageBody {
  return notice(`✅ ${channelMention(v.channelId)} · ${t(l, "schedule.saved", scheduleLine(v, l))}`);
}

/** `channelName` gives a channel's name (the catalog writes "#{channel}"), e.g. from the client's cache. */
export function status(s: GroupStatus, channelName: (id: string) => string): MessageBody {
  const l = s.locale;
  const settings = t(l, "admin.status_settings", settingsParams(l, s.settings));
  const schedules = s.schedules.map((v) => t(l, "admin.status_schedule", scheduleLine(v, l, channelName)));
  const open = s.openRounds.map((r) => t(l, "admin.status_open", { round: r.roundId, channel: channelName(r.channelId), revealAt: when(r.revealAt, l) }));
  const embed: APIEmbed = {
    color: COLOR.admin,
    title: t(l, "admin.status_title"),
    description: t(l, "admin.status_questions", { count: s.questions }),
    fields: [
      { name: t(l, "discord.admin.settings"), value: settings },
      { name: t(l, "discord.admin.schedules"), value: schedules.join("\n") || t(l, "admin.status_no_schedule") },
      { name: t(l, "discord.admin.open"), value: open.join("\n") || t(l, "discord.none") },
    ],
  };
  return body([embed]);
}

/** A short private text reply (acknowledgements, refusals). */
export function notice(text: string): MessageBody {
  return { content: clip(text, LIMITS.content), embeds: [], components: [], allowed_mentions: { parse: [] } };
}
