// The languages studybot speaks. Owned by the core: configuration, catalogs and platforms import it from here.
export const LOCALES = ["ko", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The first candidate that names a language we speak ("ko-KR" → ko, "en-US" → en); `fallback` otherwise. */
export function resolveLocale(fallback: Locale, ...candidates: Array<string | null | undefined>): Locale {
  for (const c of candidates) {
    const lc = c?.toLowerCase() ?? "";
    for (const l of LOCALES) if (lc === l || lc.startsWith(`${l}-`) || lc.startsWith(`${l}_`)) return l;
  }
  return fallback;
}
