// Typed catalogs and the translator. A catalog area is `en` (as const) and `ko` with exactly its keys, so a
// key missing in one language is a compile error, and every `t(...)` call names a key that exists.
//
// Templates fill `{name}` from the parameters and write Korean particles as `{은/는}`, `{을/를}`, `{으로/로}` …:
// the particle is chosen from the text just before it, once the parameters are in ("{label}{으로/로}" → "C로").
import type { Locale } from "../locale.js";
import { isParticle, particleAfter } from "./josa.js";

export type Params = Record<string, string | number>;

/** One area's strings in both languages; build with `catalog(en, ko)` so the key sets must match. */
export interface Catalog<K extends string> {
  en: Readonly<Record<K, string>>;
  ko: Readonly<Record<K, string>>;
}

export function catalog<const E extends Record<string, string>>(en: E, ko: Record<keyof E & string, string>): Catalog<keyof E & string> {
  return { en, ko };
}

export function mergeCatalogs<A extends string, B extends string>(a: Catalog<A>, b: Catalog<B>): Catalog<A | B> {
  return { en: { ...a.en, ...b.en } as Record<A | B, string>, ko: { ...a.ko, ...b.ko } as Record<A | B, string> };
}

export type Translator<K extends string> = (locale: Locale, key: K, params?: Params) => string;

/** Fills one template: `{name}` from params (kept as is when missing), `{은/는}` by the text before it. */
export function fill(template: string, params: Params = {}): string {
  let out = "";
  let last = 0;
  for (const m of template.matchAll(/\{([^{}]+)\}/g)) {
    out += template.slice(last, m.index);
    const inner = m[1]!;
    if (isParticle(inner)) out += particleAfter(out, inner);
    else out += inner in params ? String(params[inner]) : m[0];
    last = m.index! + m[0].length;
  }
  return out + template.slice(last);
}

export function makeTranslator<K extends string>(c: Catalog<K>): Translator<K> & { has(key: string): key is K } {
  const t = (locale: Locale, key: K, params?: Params) => fill(c[locale][key] ?? c.en[key] ?? key, params);
  return Object.assign(t, { has: (key: string): key is K => key in c.en });
}
