// Strings only the Discord adapter shows: refusals that only happen on Discord, and a few labels.
import { catalog, coreCatalog, makeTranslator, mergeCatalogs, type Locale, type Params } from "../../core/messages/index.js";

const discordCatalog = catalog(
  {
    "discord.error.guild_only": "This command works in a server channel only.",
    "discord.error.not_organizer": "Only organisers can use /studybot {sub}: members with the Manage Server permission, and those made organisers with /studybot organisers add. Ask one of them.",
    "discord.error.attachment": "I could not download {name} from Discord. Attach it again.",
    "discord.error.button_stale": "This button is from an older card and no longer works. Use the buttons on the latest card.",
    "discord.error.button_invalid": "Unknown button. Use the buttons on a card the bot posted.",
    "discord.error.unknown_command": "Unknown command. The commands may have just been updated; try again in a moment.",
    "discord.error.channel_not_text": "Pick a text channel the bot can post questions in.",
    "discord.error.cannot_post": "I can't post in {channel}. Give the bot View Channel, Send Messages and Embed Links in that channel.",
    "discord.error.missing_permissions": "I can't post questions in {channel}: the bot lacks {permissions} there. Give it that in the channel's permissions (or its role's), then try again.",
    "discord.perm.ViewChannel": "View Channel",
    "discord.perm.SendMessages": "Send Messages",
    "discord.perm.EmbedLinks": "Embed Links",
    "discord.perm.CreatePublicThreads": "Create Public Threads",
    "discord.perm.SendMessagesInThreads": "Send Messages in Threads",
  },
  {
    "discord.error.guild_only": "이 명령은 서버 채널에서만 쓸 수 있어요.",
    "discord.error.not_organizer": "/studybot {sub}{은/는} 운영자만 쓸 수 있어요: 서버 관리 권한(Manage Server)이 있거나 /studybot organisers add 로 운영자가 된 멤버요. 운영자에게 부탁해 주세요.",
    "discord.error.attachment": "디스코드에서 {name}{을/를} 내려받지 못했어요. 다시 첨부해 주세요.",
    "discord.error.button_stale": "이 버튼은 예전 버전의 카드라서 더는 쓸 수 없어요. 최신 카드의 버튼을 눌러 주세요.",
    "discord.error.button_invalid": "알 수 없는 버튼이에요. 채널에 올라온 카드의 버튼을 눌러 주세요.",
    "discord.error.unknown_command": "알 수 없는 명령이에요. 명령이 갱신되었을 수 있으니 잠시 후 다시 시도해 주세요.",
    "discord.error.channel_not_text": "문제를 올릴 수 있는 텍스트 채널을 골라 주세요.",
    "discord.error.cannot_post": "{channel}에 글을 올릴 수 없어요. 그 채널에서 봇에게 채널 보기, 메시지 보내기, 링크 첨부 권한을 주세요.",
    "discord.error.missing_permissions": "{channel}에 문제를 올릴 수 없어요. 봇에게 그 채널의 {permissions} 권한이 없어요. 채널(또는 봇 역할)의 권한에서 허용한 뒤 다시 시도해 주세요.",
    "discord.perm.ViewChannel": "채널 보기",
    "discord.perm.SendMessages": "메시지 보내기",
    "discord.perm.EmbedLinks": "링크 첨부",
    "discord.perm.CreatePublicThreads": "공개 스레드 만들기",
    "discord.perm.SendMessagesInThreads": "스레드에서 메시지 보내기",
  },
);

const translate = makeTranslator(mergeCatalogs(coreCatalog, discordCatalog));
export type DiscordKey = keyof typeof discordCatalog.en;

/** Permission keys ("SendMessages,EmbedLinks") as Discord names them in the reader's language. */
export function permissionNames(locale: Locale, keys: string): string {
  return keys
    .split(",")
    .filter(Boolean)
    .map((k) => (translate.has(`discord.perm.${k}`) ? translate(locale, `discord.perm.${k}` as DiscordKey) : k))
    .join(", ");
}

/** The translator of Discord's replies: a `permissions` parameter holds permission keys, named in the locale. */
export const td = Object.assign(
  (locale: Locale, key: Parameters<typeof translate>[1], params?: Params) =>
    translate(locale, key, params && typeof params.permissions === "string" ? { ...params, permissions: permissionNames(locale, params.permissions) } : params),
  { has: translate.has },
);
