// Topic names as members type them: the key (`lambda`), the Korean or English name (`람다`, `RDS & Aurora`), a
// spelling or a word the lookup's analyzer ties to the topic (`다이나모` → DynamoDB, `키네` → Kinesis). Names go
// through the lookup's term matcher, so a topic typed in Korean is read exactly as a lookup query is. The same
// index serves every command that takes a topic and the autocomplete that offers them.
import type { Locale } from "../locale.js";
import { createTermMatcher, type TermMatch, type TermMatcher } from "../notes/matcher.js";
import type { Topic } from "./types.js";

export type TopicMatch = TermMatch;

/** A match this good names the topic; a weaker one is only offered as a close name. */
const RESOLVE_SCORE = 0.75;
/** Two topics within this of each other are equally likely: the input names neither. */
const TIE_MARGIN = 0.05;

export class TopicIndex {
  private readonly topics: Topic[];
  private readonly byKey: Map<string, Topic>;
  private readonly matcher: TermMatcher;

  constructor(topics: Iterable<Topic>) {
    this.topics = [...topics];
    this.byKey = new Map(this.topics.map((t) => [t.key, t]));
    this.matcher = createTermMatcher(this.topics.map((t) => ({ key: t.key, names: [t.ko, t.en] })));
  }

  get size(): number {
    return this.topics.length;
  }

  /** Topics that `input` may name, best first: an exact name, then a shared concept, a beginning, a search match. */
  match(input: string): TopicMatch[] {
    return this.matcher.match(input);
  }

  /** The topic `input` names without doubt, or null (none, or two equally likely). */
  resolve(input: string): string | null {
    const [best, second] = this.match(input);
    if (!best || best.score < RESOLVE_SCORE) return null;
    if (second && second.score >= best.score - TIE_MARGIN) return null;
    return best.key;
  }

  /** Autocomplete: with nothing typed every topic by its name in `locale`, else the topics `typed` begins or may name. */
  complete(typed: string, locale: Locale, limit: number): Topic[] {
    if (!typed.trim()) return [...this.topics].sort((a, b) => a[locale].localeCompare(b[locale], locale)).slice(0, limit);
    return this.matcher
      .complete(typed)
      .slice(0, limit)
      .map((m) => this.byKey.get(m.key)!);
  }
}
