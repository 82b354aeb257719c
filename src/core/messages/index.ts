// Every user-facing string, in ko and en. Each area keeps its own catalog file (lookup.ts, quiz.ts, …)
// with the same keys in both languages; `t` picks the locale and fills {placeholders}.
import type { Locale } from "../locale.js";
import { common } from "./common.js";
import { discord } from "./discord.js";
import { quiz } from "./quiz.js";
import { admin } from "./admin.js";
import { consoleMessages } from "./console.js";
import { slack } from "./slack.js";

export type { Locale };
export type Catalog = { ko: Record<string, string>; en: Record<string, string> };

// Add an area's catalog here when it is created.
const catalogs: Catalog[] = [common, discord, quiz, admin, consoleMessages, slack];

export function resolveLocale(...candidates: Array<string | null | undefined>): Locale {
  for (const c of candidates) {
    if (!c) continue;
    const lc = c.toLowerCase();
    if (lc.startsWith("ko")) return "ko";
    if (lc.startsWith("en")) return "en";
  }
  return "ko";
}

export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  let template: string | undefined;
  for (const c of catalogs) {
    template = c[locale][key] ?? template;
    if (template !== undefined) break;
  }
  if (template === undefined) {
    for (const c of catalogs) if ((template = c.en[key] ?? c.ko[key]) !== undefined) break;
  }
  if (template === undefined) return key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
