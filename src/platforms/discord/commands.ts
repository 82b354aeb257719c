// The slash commands, as registered with Discord (bulk overwrite). Names stay English so the README and the
// help text match everywhere; descriptions and choices are localised from the message catalog (ko, en).
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  type APIApplicationCommandSubcommandOption,
  type LocalizationMap,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { t } from "../../core/messages/index.js";

/** Base strings are English (what Discord shows for locales we do not translate); Korean is a localisation. */
function described(key: string): { description: string; description_localizations: LocalizationMap } {
  return { description: t("en", key), description_localizations: { ko: t("ko", key) } };
}

function choice<T extends string>(value: T, key: string): APIApplicationCommandOptionChoice<T> {
  return { name: t("en", key), name_localizations: { ko: t("ko", key) }, value };
}

export const PERIODS = ["week", "month", "all"] as const;
/** `/studybot config` scoring options and their upper bounds (the core enforces the same). */
export const SCORING_OPTIONS = [
  ["points", 1000],
  ["fast-bonus", 1000],
  ["fast-count", 100],
  ["streak-every", 365],
  ["streak-bonus", 1000],
] as const;
export const LANGUAGES = ["ko", "en", "auto"] as const;

const topicOption = (key: string, required = false): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: "topic",
  ...described(key),
  required,
  autocomplete: true,
  max_length: 100,
});

const channelOption: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Channel,
  name: "channel",
  ...described("discord.opt.channel"),
  channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
};

function sub(name: string, options: APIApplicationCommandBasicOption[] = []): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name, ...described(`discord.cmd.studybot.${name}`), options };
}

const guildOnly: Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, "type" | "contexts" | "integration_types"> = {
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    {
      ...guildOnly,
      name: "lookup",
      ...described("discord.cmd.lookup"),
      options: [{ type: ApplicationCommandOptionType.String, name: "query", ...described("discord.cmd.lookup.query"), required: true, autocomplete: true, min_length: 1, max_length: 200 }],
    },
    {
      ...guildOnly,
      name: "quiz",
      ...described("discord.cmd.quiz"),
      options: [topicOption("discord.cmd.quiz.topic")],
    },
    {
      ...guildOnly,
      name: "leaderboard",
      ...described("discord.cmd.leaderboard"),
      options: [
        { type: ApplicationCommandOptionType.String, name: "period", ...described("discord.cmd.leaderboard.period"), choices: PERIODS.map((p) => choice(p, `discord.choice.${p}`)) },
        topicOption("discord.cmd.leaderboard.topic"),
      ],
    },
    {
      ...guildOnly,
      name: "stats",
      ...described("discord.cmd.stats"),
      options: [{ type: ApplicationCommandOptionType.User, name: "member", ...described("discord.cmd.stats.member") }],
    },
    {
      ...guildOnly,
      name: "studybot",
      ...described("discord.cmd.studybot"),
      // Hidden from members without Manage Server by default; server admins may change that in the
      // integration settings, so the handler checks the permission again on every call.
      default_member_permissions: String(PermissionFlagsBits.ManageGuild),
      options: [
        sub("schedule", [
          { type: ApplicationCommandOptionType.String, name: "time", ...described("discord.opt.time"), required: true, min_length: 4, max_length: 5 },
          { type: ApplicationCommandOptionType.String, name: "days", ...described("discord.opt.days"), max_length: 60 },
          { type: ApplicationCommandOptionType.String, name: "timezone", ...described("discord.opt.timezone"), autocomplete: true, max_length: 64 },
          { type: ApplicationCommandOptionType.String, name: "topics", ...described("discord.opt.topics"), max_length: 300 },
          { type: ApplicationCommandOptionType.Integer, name: "reveal", ...described("discord.opt.reveal"), min_value: 1, max_value: 1440 },
          { type: ApplicationCommandOptionType.Boolean, name: "instant", ...described("discord.opt.instant") },
          channelOption,
        ]),
        sub("unschedule", [channelOption]),
        sub("status"),
        sub("post-now", [channelOption]),
        sub("reveal-now", [channelOption]),
        sub("config", [
          { type: ApplicationCommandOptionType.String, name: "language", ...described("discord.opt.language"), choices: LANGUAGES.map((l) => choice(l, `discord.choice.${l}`)) },
          { type: ApplicationCommandOptionType.String, name: "timezone", ...described("discord.opt.timezone"), autocomplete: true, max_length: 64 },
          ...SCORING_OPTIONS.map<APIApplicationCommandBasicOption>(([name, max]) => ({ type: ApplicationCommandOptionType.Integer, name, ...described(`discord.opt.${name}`), min_value: 0, max_value: max })),
        ]),
      ],
    },
  ];
}
