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
import type { Leaderboard, LeaderboardRow, MemberStats, QuestionCard, RevealedCard, SourceRef } from "../../core/cards.js";
import { t, type Locale } from "../../core/messages/index.js";
import type { LookupResult, Section, Suggestion } from "../../core/notes/types.js";
import { answerId, practiceId, sectionId } from "./customId.js";
import { clip, fitEmbeds, LIMITS } from "./limits.js";

export interface MessageBody {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
  allowed_mentions: { parse: [] };
}

const COLOR = { card: 0x5865f2, revealed: 0x57f287, lookup: 0x3498db, board: 0xf1c40f, stats: 0x9b59b6, practice: 0x95a5a6 } as const;
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
const percent = (x: number) => `${Math.round(x * 100)}%`;
const unix = (d: Date) => Math.floor(d.getTime() / 1000);
const name = (displayName: string) => escapeMarkdown(displayName);

function cardTitle(card: QuestionCard): string {
  return `${card.topic.name} · ${stars(card.difficulty)}`;
}

function choiceLines(card: QuestionCard, mark?: (i: number) => string): string {
  return card.choices.map((c, i) => `${mark ? mark(i) : ""}**${c.label}.** ${c.text}`).join("\n");
}

// ---------------------------------------------------------------------------------------------- daily card

export function questionCard(card: QuestionCard): MessageBody {
  const l = card.locale;
  const embed: APIEmbed = {
    color: COLOR.card,
    title: cardTitle(card),
    description: `${card.prompt}\n\n${choiceLines(card)}`,
    fields: [{ name: t(l, "discord.card.reveal_at"), value: `<t:${unix(card.revealAt)}:t> (<t:${unix(card.revealAt)}:R>)`, inline: true }],
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

export function sourceBreadcrumb(source: SourceRef): string {
  const trail = source.path.length ? source.path.join(" › ") : source.heading;
  return `${trail}\n\`${source.file}:${source.line}\``;
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
  const fields: NonNullable<APIEmbed["fields"]> = [
    { name: t(l, "discord.card.answer"), value: correct ? `**${correct.label}.** ${correct.text}` : "?" },
    { name: t(l, "discord.card.explanation"), value: card.explanation || "—" },
  ];
  if (card.source) fields.push({ name: t(l, "discord.card.source"), value: sourceBreadcrumb(card.source) });
  if (!opts.practice) fields.push({ name: t(l, "discord.card.fastest"), value: fastestLines(card) });
  const embed: APIEmbed = {
    color: opts.practice ? COLOR.practice : COLOR.revealed,
    title: `${cardTitle(card)} · ${t(l, opts.practice ? "discord.card.practice" : "discord.card.revealed")}`,
    description: `${card.prompt}\n\n${card.choices.map((c, i) => `${i === card.correctIndex ? "✅ " : "▫️ "}**${c.label}.** ${c.text}${counted(i)}`).join("\n")}`,
    fields,
    footer: opts.practice ? undefined : { text: t(l, "discord.card.answered", { count: card.answered }) },
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

function parseSectionValue(value: string): { file: string; line: number; heading: string } | null {
  const m = /^section:(.+)#(\d+)$/.exec(value);
  return m ? { file: m[1]!, line: Number(m[2]), heading: "" } : null;
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
    const ref = parseSectionValue(s.value);
    const id = ref && sectionId(ref.file, ref.line);
    if (id) out.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: clip(s.label, LIMITS.buttonLabel), custom_id: id });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- boards

function boardLine(r: LeaderboardRow, l: Locale): string {
  const medal = ["🥇", "🥈", "🥉"][r.rank - 1] ?? `**${r.rank}.**`;
  return `${medal} ${name(r.displayName)} — ${t(l, "discord.leaderboard.row", { points: r.points, accuracy: percent(r.accuracy), streak: r.streak })}`;
}

export function leaderboard(board: Leaderboard): MessageBody {
  const l = board.locale;
  const period = t(l, `discord.choice.${board.period}`);
  const title = board.topic ? t(l, "discord.leaderboard.title_topic", { period, topic: board.topic.name }) : t(l, "discord.leaderboard.title", { period });
  const embed: APIEmbed = {
    color: COLOR.board,
    title,
    description: board.rows.length ? board.rows.map((r) => boardLine(r, l)).join("\n") : t(l, "discord.leaderboard.empty"),
    footer: board.from ? { text: `${board.from.toISOString().slice(0, 10)} – ${board.to.toISOString().slice(0, 10)}` } : undefined,
  };
  if (board.caller) embed.fields = [{ name: t(l, "discord.leaderboard.you"), value: boardLine(board.caller, l) }];
  return body([embed]);
}

export function stats(s: MemberStats): MessageBody {
  const l = s.locale;
  const field = (key: string, value: string) => ({ name: t(l, key), value, inline: true });
  const embed: APIEmbed = {
    color: COLOR.stats,
    title: t(l, "discord.stats.title", { name: s.displayName }),
    description: s.answered ? undefined : t(l, "discord.stats.none"),
    fields: [
      field("discord.stats.answered", String(s.answered)),
      field("discord.stats.correct", String(s.correct)),
      field("discord.stats.accuracy", percent(s.accuracy)),
      field("discord.stats.points", String(s.points)),
      field("discord.stats.streak", t(l, "discord.stats.streak_value", { current: s.currentStreak, best: s.bestStreak })),
      field("discord.stats.rank", s.rank === null ? t(l, "discord.stats.unranked") : `#${s.rank}`),
    ],
  };
  if (s.byTopic.length) {
    embed.fields!.push({
      name: t(l, "discord.stats.by_topic"),
      value: s.byTopic.map((x) => `• ${x.name}: ${t(l, "discord.stats.topic_row", { answered: x.answered, correct: x.correct, accuracy: percent(x.accuracy) })}`).join("\n"),
    });
  }
  return body([embed]);
}

/** A short private text reply (acknowledgements, refusals). */
export function notice(text: string): MessageBody {
  return { content: clip(text, LIMITS.content), embeds: [], components: [], allowed_mentions: { parse: [] } };
}
