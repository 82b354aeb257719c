// The slash commands as registered with Discord (bulk overwrite), generated from the command specs: each member
// command on its own, the organiser commands as subcommands of /studybot. Names stay English so help texts match
// everywhere; descriptions and choices are registered in English with a Korean localisation.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type LocalizationMap,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { MEMBER_SPECS, ORGANISER_GROUP, ORGANISER_SPECS, type AnyCommandSpec } from "../../core/commands/index.js";
import { autocompleteSource, type OptionSpec } from "../../core/commands/options.js";
import type { MessageKey } from "../../core/messages/index.js";
import { td } from "./messages.js";

/** Channels a question may be posted in. */
export const POSTABLE_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** Base strings are English (what Discord shows for locales we do not translate); Korean is a localisation. */
function described(key: MessageKey): { description: string; description_localizations: LocalizationMap } {
  return { description: td("en", key), description_localizations: { ko: td("ko", key) } };
}

function option(name: string, o: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name, ...described(o.description), required: o.required === true };
  const autocomplete = autocompleteSource(o) !== null;
  switch (o.kind) {
    case "integer":
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: o.min, max_value: o.max };
    case "boolean":
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case "member":
      return { ...base, type: ApplicationCommandOptionType.User };
    case "channel":
      return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [...POSTABLE_CHANNELS] };
    case "attachment":
      return { ...base, type: ApplicationCommandOptionType.Attachment };
    case "role":
      return { ...base, type: ApplicationCommandOptionType.Role };
    case "choice":
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: o.choices.map<APIApplicationCommandOptionChoice<string>>((c) => ({ name: td("en", c.label), name_localizations: { ko: td("ko", c.label) }, value: c.value })),
      };
    case "text":
    case "word":
      return { ...base, type: ApplicationCommandOptionType.String, autocomplete, min_length: 1, max_length: o.maxLength };
    default:
      // topic, topics, time, weekdays, timezone: typed as text and read by the same converters as Slack's text
      return { ...base, type: ApplicationCommandOptionType.String, autocomplete, max_length: o.kind === "topics" ? 300 : 100 };
  }
}

function options(spec: AnyCommandSpec): APIApplicationCommandBasicOption[] {
  return Object.entries(spec.options).map(([name, o]) => option(name, o));
}

const guildOnly: Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, "type" | "contexts" | "integration_types"> = {
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

function subcommand(spec: AnyCommandSpec): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name: spec.name, ...described(spec.description), options: options(spec) };
}

/** /studybot's subcommands, those of a subcommand group ("questions") gathered under it, in the specs' order. */
function organiserOptions(): Array<APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption> {
  const out: Array<APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption> = [];
  for (const spec of ORGANISER_SPECS) {
    if (!spec.subgroup) {
      out.push(subcommand(spec));
      continue;
    }
    let group = out.find((o): o is APIApplicationCommandSubcommandGroupOption => o.type === ApplicationCommandOptionType.SubcommandGroup && o.name === spec.subgroup);
    if (!group) {
      group = { type: ApplicationCommandOptionType.SubcommandGroup, name: spec.subgroup, ...described(`cmd.${ORGANISER_GROUP}.${spec.subgroup}` as MessageKey), options: [] };
      out.push(group);
    }
    group.options!.push(subcommand(spec));
  }
  return out;
}

export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    ...MEMBER_SPECS.map((spec) => ({ ...guildOnly, name: spec.name, ...described(spec.description), options: options(spec) })),
    {
      ...guildOnly,
      name: ORGANISER_GROUP,
      ...described("cmd.studybot"),
      // No default permission: organisers added with /studybot organisers add (a member or a role) must see it too.
      // The handler's organiser check (Manage Server, or added here) refuses everyone else on every call.
      options: organiserOptions(),
    },
  ];
}
