// What the option converters need, from the core (topics, notes) and from the platform (how it writes members
// and channels). Every platform builds its context here, so a topic or a note is read the same way everywhere.
import type { StudyBot } from "../app.js";
import type { Locale } from "../locale.js";
import type { ConvertContext } from "./options.js";

export type TextContext = ConvertContext & { topicNames(): string[] };

export function convertContext(bot: StudyBot, locale: Locale, platform: Pick<ConvertContext, "member" | "channel" | "attachment" | "role">): TextContext {
  return {
    topic: (input) => bot.resolveTopic(input),
    topicNames: () => bot.topics(locale).map((x) => x.key),
    note: (input) => bot.resolveNote(input),
    ...platform,
  };
}
