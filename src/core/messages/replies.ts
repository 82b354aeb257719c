// The wording of the organiser replies, once for every platform. A platform passes its markup (how it writes a
// channel, a moment, a topic name, code) and lays the lines out its own way (an embed, Block Kit, terminal text).
import type { GroupSettings, GroupStatus, PauseNotice, ScheduleView } from "../app.js";
import type { QuestionCard, RevealedCard } from "../cards.js";
import type { AnyCommandSpec } from "../commands/spec.js";
import { usageLines, usageSyntax } from "../commands/text.js";
import type { Locale } from "../locale.js";
import { scheduleExtrasLines } from "../digest/text.js";
import { scheduleParams, settingsParams } from "./format.js";
import { t } from "./index.js";
import type { PauseReason } from "../store/index.js";

export interface Markup {
  /** a channel by id ("<#123>", "#console") */
  channel(id: string): string;
  /** a moment, or "none" for null */
  when(d: Date | null, locale: Locale): string;
  /** a topic name, escaped for the platform's markup */
  topic?(name: string): string;
  /** text shown as code (a command's syntax) */
  code(text: string): string;
  /** text the user typed, made safe for the platform's markup */
  escape(text: string): string;
  /** what the platform named with a failure (Discord: its permission keys), in the reader's words */
  failureDetail?(detail: string, locale: Locale): string;
}

/** Why the bot paused a schedule, in a few words ("the bot lost Send Messages in #study (12 Dec)"). */
export function pauseReasonText(l: Locale, pause: PauseReason, channelId: string, m: Markup): string {
  const params = { channel: m.channel(channelId), when: m.when(pause.at, l) };
  switch (pause.kind) {
    case "permission":
      return pause.detail && m.failureDetail ? t(l, "pause.permission", { ...params, permissions: m.failureDetail(pause.detail, l) }) : t(l, "pause.permission_any", params);
    case "uninstalled":
      return t(l, "pause.uninstalled", params);
    default:
      return t(l, "pause.channel_gone", params);
  }
}

/** One warning line per schedule the bot paused, for the next organiser command. */
export function pauseWarnings(l: Locale, notices: readonly PauseNotice[], m: Markup): string[] {
  return notices.map((n) => t(l, "pause.warning", { name: n.name, reason: pauseReasonText(l, n.pause, n.channelId, m) }));
}

export function scheduleSavedText(l: Locale, v: ScheduleView, m: Markup): string {
  return [t(l, "schedule.saved", scheduleParams(l, v, { channel: m.channel(v.channelId), next: m.when(v.nextRun, l), topic: m.topic })), ...scheduleExtrasLines(l, v, m.channel, m.escape)].join("\n");
}

export function pausedText(l: Locale, v: ScheduleView, m: Markup): string {
  return v.paused ? t(l, "schedule.paused", { name: v.name }) : `${t(l, "schedule.resumed", { name: v.name })}\n${scheduleSavedText(l, v, m)}`;
}

export function unscheduledText(l: Locale, r: { removed: boolean; name: string }): string {
  return t(l, r.removed ? "schedule.removed" : "schedule.not_found", { name: r.name });
}

export function postedText(l: Locale, card: QuestionCard, channelId: string, m: Markup, pending = false): string {
  if (pending) return t(l, "admin.posted_pending", { round: card.roundId, channel: m.channel(channelId) });
  return t(l, "admin.posted", { round: card.roundId, channel: m.channel(channelId), when: m.when(card.revealAt, l) });
}

export function revealedText(l: Locale, card: RevealedCard | null, channelId: string, m: Markup): string {
  if (!card) return t(l, "admin.nothing_to_reveal", { channel: m.channel(channelId) });
  return t(l, "admin.revealed", { channel: m.channel(channelId), label: card.choices[card.correctIndex]?.label ?? "?", count: card.answered });
}

export function settingsLine(l: Locale, settings: GroupSettings): string {
  return t(l, "admin.status_settings", settingsParams(l, settings));
}

/** After `config`: what was saved, or (nothing given) the settings in force and how to change them. */
export function settingsLines(l: Locale, r: { settings: GroupSettings; changed: boolean }, configSpec: AnyCommandSpec, m: Markup): string[] {
  return r.changed ? [`✅ ${t(l, "config.saved")}`, settingsLine(l, r.settings)] : [t(l, "config.current"), settingsLine(l, r.settings), m.code(usageSyntax(configSpec))];
}

/** The parts of `/studybot status`, each platform arranging them. */
export function statusParts(s: GroupStatus, m: Markup) {
  const l = s.locale;
  return {
    title: t(l, "admin.status_title"),
    settings: settingsLine(l, s.settings),
    questions: s.ownQuestions > 0 ? t(l, "admin.status_own_questions", { count: s.questions, own: s.ownQuestions }) : t(l, "admin.status_questions", { count: s.questions }),
    schedules: s.schedules.map((v) =>
      [
        t(l, "admin.status_schedule", {
          ...scheduleParams(l, v, { channel: m.channel(v.channelId), next: m.when(v.nextRun, l), topic: m.topic }),
          ...(v.pause ? { paused: t(l, "pause.status", { reason: pauseReasonText(l, v.pause, v.channelId, m) }) } : {}),
        }),
        ...scheduleExtrasLines(l, v, m.channel, m.escape).map((x) => `  ${x}`),
      ].join("\n"),
    ),
    noSchedule: t(l, "admin.status_no_schedule"),
    open: s.openRounds.map((r) => t(l, "admin.status_open", { round: r.roundId, channel: m.channel(r.channelId), revealAt: m.when(r.revealAt, l) })),
  };
}

/** A command group's usage (`/studybot`, `/studybot help`, an unknown subcommand): a title and a line per command. */
export function usageText(l: Locale, r: { group: string; commands: readonly AnyCommandSpec[]; unknown?: string }, m: Markup, layout: { title(text: string): string; line(text: string): string }): string[] {
  return [
    ...(r.unknown ? [t(l, "command.unknown_sub", { command: `/${r.group}`, sub: m.escape(r.unknown) })] : []),
    layout.title(t(l, "command.usage_title", { command: `/${r.group}` })),
    ...usageLines(r.commands, l).map((x) => layout.line(m.escape(x))),
  ];
}
