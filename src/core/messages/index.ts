// The shared user-facing strings, in ko and en: one typed catalog per area, merged here. Strings only one
// platform shows live beside that adapter (src/platforms/*/messages.ts) and extend this catalog there.
import { admin } from "./admin.js";
import { commands } from "./commands.js";
import { common } from "./common.js";
import { digest } from "./digest.js";
import { delivery } from "./delivery.js";
import { organiser } from "./organiser.js";
import { quiz } from "./quiz.js";
import { review } from "./review.js";
import { makeTranslator, mergeCatalogs } from "./translate.js";

export type { Locale } from "../locale.js";
export { catalog, fill, makeTranslator, mergeCatalogs, type Catalog, type Params, type Translator } from "./translate.js";

export const coreCatalog = mergeCatalogs(
  mergeCatalogs(mergeCatalogs(mergeCatalogs(common, commands), mergeCatalogs(quiz, admin)), mergeCatalogs(digest, review)),
  mergeCatalogs(delivery, organiser),
);

export type MessageKey = keyof typeof coreCatalog.en;

export const t = makeTranslator<MessageKey>(coreCatalog);
