// Topic names as members type them: the key (`lambda`), the Korean or English name (`람다`, `RDS & Aurora`), or
// a word the lookup's vocabulary ties to the topic (`람다` → Lambda, `다이나모` → DynamoDB). The same matcher
// serves every command that takes a topic and the autocomplete that offers them.
import type { Locale } from "../locale.js";
import { analyze } from "../notes/analyze.js";
import { normalizeText, similarity } from "./schema.js";
import type { Topic } from "./types.js";

export interface TopicMatch {
  key: string;
  score: number;
}

const compact = (s: string) => normalizeText(s).replace(/[\s·&,._/-]+/g, "");

/** Concept terms (the vocabulary's "@lambda", Latin words) of a text; Hangul bigrams say too little here. */
function concepts(text: string): Set<string> {
  return new Set([...analyze(text).counts.keys()].filter((t) => t.startsWith("@") || /^[a-z0-9]{2,}$/.test(t)));
}

export class TopicIndex {
  private readonly entries: Array<{ topic: Topic; forms: string[]; concepts: Set<string> }>;

  constructor(topics: Iterable<Topic>) {
    this.entries = [...topics].map((topic) => {
      const names = [topic.key, topic.ko, topic.en];
      return { topic, forms: [...new Set(names.map(compact))], concepts: new Set(names.flatMap((n) => [...concepts(n)])) };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  /** Topics that `input` names, best first: an exact name, then shared concepts, then close spellings. */
  match(input: string): TopicMatch[] {
    const want = compact(input);
    if (!want) return [];
    const exact = this.entries.filter((e) => e.forms.includes(want));
    if (exact.length) return exact.map((e) => ({ key: e.topic.key, score: 1 }));
    const asked = concepts(input);
    const out: TopicMatch[] = [];
    for (const e of this.entries) {
      let shared = 0;
      for (const c of asked) if (e.concepts.has(c)) shared++;
      const byConcept = asked.size ? shared / asked.size : 0;
      const bySpelling = Math.max(...e.forms.map((f) => similarity(want, f)), ...[e.topic.ko, e.topic.en].map((n) => similarity(input, n)));
      const score = Math.max(byConcept * 0.95, bySpelling * 0.9);
      if (score >= 0.45) out.push({ key: e.topic.key, score });
    }
    return out.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  }

  /** The topic `input` names without doubt, or null (none, or two equally likely). */
  resolve(input: string): string | null {
    const [best, second] = this.match(input);
    if (!best || best.score < 0.75) return null;
    if (second && second.score >= best.score - 0.05) return null;
    return best.key;
  }

  /** Autocomplete: topics whose key or names start with or contain what was typed, named in the locale. */
  complete(typed: string, locale: Locale, limit: number): Topic[] {
    const want = compact(typed);
    const ranked = this.entries
      .map((e) => {
        const starts = e.forms.some((f) => f.startsWith(want));
        const contains = e.forms.some((f) => f.includes(want));
        return { e, rank: !want ? 1 : starts ? 0 : contains ? 1 : this.match(typed).some((m) => m.key === e.topic.key) ? 2 : 3 };
      })
      .filter((x) => x.rank < 3)
      .sort((a, b) => a.rank - b.rank || a.e.topic[locale].localeCompare(b.e.topic[locale], locale));
    return ranked.slice(0, limit).map((x) => x.e.topic);
  }
}
