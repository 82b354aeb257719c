// Ranked search over note sections: BM25F over three fields (the heading counts most, then the breadcrumb, then
// the body), terms from analyze.ts, and a coverage rule so that a query the notes do not answer returns nothing
// instead of a weak guess.
//
// A query is a list of clauses, one per word or concept, each with alternatives: the word as typed, its stems
// without particles or endings, its loanword spellings in the other script found in the corpus (뮤텍스 → mutex),
// a typo's correction. A section scores a clause by its best-scoring alternative and covers it as much as its
// best-covering one (lag as typed, though 랙이 in its heading scores more), so a wrong guess costs nothing.
import { stemmer } from "stemmer";
import { Analyzer, Concepts, foldLatin, isHangulWord, nfkc, normalize, type Analysis, type Term } from "./analyze.js";
import { bridgesInNfkc, markersPresent } from "./bridges.js";
import { AWS_PACK } from "./glossary.js";
import { hangulKey, ingBases, latinKeys, MIN_KEY_LENGTH, soundsAlike, spellingDistance } from "./loanword.js";
import { isParticle, isPredicate, nounForms, stem, stems } from "./morphology.js";
import { buildPostings } from "./postings.js";
import { QUERY_WORDS } from "./query-words.js";
import { firstAtLeast } from "./prefix.js";
import type { Section } from "./types.js";
import { STUDY_VOCABULARY } from "./vocabulary.js";

/** Longer queries are cut: nobody types more, and it bounds the work per query. */
export const MAX_QUERY_CHARS = 200;

/** Share of the query's weight the best section must match; below it the notes do not cover the query. */
const MIN_COVERAGE = 0.5;
/** A section covering less of the query, down to this, still answers it when it has the query's most telling word
 * (the rarest in the notes of its content words): a long question's other words may be how it is asked. */
const TELLING_COVERAGE = 0.45;
/** ... but only where no more than this share of the query's weight is words the notes never use: half a question
 * about something else (맛집 추천) is not asked of them. */
const TELLING_UNKNOWN_SHARE = 0.5;
/** Queries of more words than this need less of their weight covered, in proportion. */
const LONG_QUERY_WORDS = 4;
/** Sections scoring below this share of the best one are not worth showing. */
const MIN_RELATIVE_SCORE = 0.25;
const TITLE_BOOST = 1;
const PRECISION_BOOST = 0.5;
/** A loanword spelling found by sound is a little less certain than the word as typed. */
const LOANWORD_FACTOR = 0.8;
/** A word matched only by sound counts for this share of itself in coverage: it might be another word. */
const LOANWORD_COVERAGE = 0.75;
/** The words a concept was found in, outside that concept, count for less than the concept. */
const SOURCE_WORDS_FACTOR = 0.6;
/** A name the notes never use (another cloud's product, a tool we have no note on) says the query is about
 * something else: it weighs more than one they have, so such a query comes back empty rather than half-matched. */
const UNKNOWN_NAME_WEIGHT = 2;
/** A name the notes have, found as a concept (람다, Lambda) or as an English word of theirs (HikariCP, OSIV),
 * weighs more than a Korean word of the question: it says what the question is about. */
const NAME_WEIGHT = 1.5;
/** At most this many spellings of one word by sound. */
const MAX_LOANWORDS = 4;
/** How unlike a one-syllable Hangul word may be spelt from a Latin word to be taken for it. */
const ONE_SYLLABLE_DISTANCE = 0.5;
/** A word the notes write only in Hangul counts as known when one of its spellings by sound reads at least this
 * much like it: a far one (레코드 for react) may be another word, and a name the notes never use keeps its weight. */
const KNOWN_BY_SOUND_DISTANCE = 0.5;
/** A concept's English word is found by its Hangul spelling only where that spells it this closely (디멘션 for
 * dimension, not 스칼라 for sql): the concept has its translations already, and a looser one is more often noise. */
const CONCEPT_BY_SOUND_DISTANCE = 0.35;
/** How unlike a word of a concept of the vocabulary may be spelt by sound to be taken for it (시퀀스 for sequence,
 * 0.63, but not 교체 for cors, 0.67). */
const NAME_BY_SOUND_DISTANCE = 0.65;
/** Spellings by sound that read this much less like the word than the closest one are other words. */
const SPELLING_MARGIN = 0.3;

/** An ordinary English word found by the Korean word the notes write for it (range → 범위) is a little less
 * certain than the word as typed. */
const TRANSLATION_FACTOR = 0.9;
/** QUERY_WORDS by their English word. */
const KOREAN_FOR = new Map<string, readonly string[]>(QUERY_WORDS.map(([english, ...korean]) => [english!, korean]));

/** The Korean for an English word of a question, found by the word or by its base form under a plain inflection
 * (shares, shared, sharing → share; splitting → split): no stemmer, which would take optimizer for optimize. */
function koreanFor(word: string): readonly string[] | undefined {
  const direct = KOREAN_FOR.get(word);
  if (direct) return direct;
  for (const [suffix, back] of [["ing", ""], ["ing", "e"], ["ed", ""], ["ed", "e"], ["es", ""], ["s", ""], ["ies", "y"], ["ied", "y"]] as const) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    const base = word.slice(0, -suffix.length);
    const found = KOREAN_FOR.get(base + back) ?? (back === "" && /(.)\1$/.test(base) ? KOREAN_FOR.get(base.slice(0, -1)) : undefined);
    if (found) return found;
  }
  return undefined;
}

/** Domain packs: product-family vocabularies applied to notes that name enough of that family. */
export const DOMAIN_PACKS = [AWS_PACK] as const;

/** English question words: grammar in an English question, whatever the notes pair them with. */
const QUESTION_LATIN = new Set(["what", "how", "why", "when", "where", "which", "who"]);
/** Query words that carry no meaning for the notes: function words, question words, requests. */
const STOP_LATIN = new Set([
  ...QUESTION_LATIN,
  "aws", "amazon", "the", "a", "an", "of", "and", "or", "not", "in", "on", "to", "for", "is", "are", "was", "be", "with",
  "about", "do", "does", "did", "can", "i", "it", "this", "that",
  "explain", "please", "me", "my", "between", "from", "at", "by", "as", "into", "if", "then", "than",
  // auxiliaries, their contractions as the words are split (doesn't → doesn), pronouns and "happen"
  "doesn", "don", "didn", "isn", "aren", "wasn", "won", "should", "would", "could", "will", "there", "have", "has",
  "had", "we", "you", "your", "they", "them", "their", "its", "happen", "happens", "so", "but",
]);
/** Whether an English word is grammar or an operator of a query (the, what, or), not a word of the notes' subject. */
export function isStopLatin(word: string): boolean {
  return STOP_LATIN.has(word);
}
const STOP_HANGUL = new Set([
  "뭐", "뭐야", "뭐지", "뭐임", "뭐냐", "뭔데", "뭔가요", "뭔지", "무엇", "무엇인가요", "왜", "어떻게", "어떤", "언제", "어디", "어디서", "어느", "무슨", "누가", "누구", "얼마", "얼마나", "몇", "알려줘", "알려주세요",
  "설명", "설명해줘", "정리", "좀", "대해", "대해서", "대한", "관련", "관해", "방법", "법", "하는법", "사용법", "돼", "되나요",
  "있나요", "인가", "경우", "때", "것", "거", "수", "등", "및", "그", "이", "저", "또", "더", "잘", "다", "되", "해", "하", "나요", "건가요",
  // pronouns: whose it is says nothing of what it is (내 파드, 우리 서비스); not 나, which is also 나오다 (에러 나와)
  "내", "네", "우리", "저희",
]);
/** Words of quantity, degree and negation: they say how much is asked, not what about; they weigh nothing, but a
 * question with them is longer, and needs less of its weight covered, as any long question. */
const DEGREE_HANGUL = new Set(["여러", "여러개", "여러가지", "안", "못", "너무", "제일", "가장", "진짜", "정말", "그냥", "꼭", "항상"]);
/** Words that say what kind of answer is wanted (the process, the way, the reason), as the meta concepts below do:
 * half a word where the notes use them, nothing where they do not. */
const ASKING_HANGUL = new Set(["과정", "방식", "이유", "장단점", "목적", "용도"]);
/** The concept of a question that compares two things. */
const DIFFERENCE = "@difference";
/** Concepts that say what kind of answer is wanted, not what it is about. */
const META_CONCEPTS = new Set(["@difference", "@definition", "@example", "@concept", "@structure", "@principle", "@feature", "@type", "@advantage", "@disadvantage", "@usecase", "@cause", "@solution", "@problem", "@processflow", "@condition", "@role"]);

interface Alternative {
  terms: Array<[Term, number]>;
  factor: number;
  /** only for sections the earlier alternatives did not match at all */
  fallback?: boolean;
}

/** A query as the search reads it: its clauses, and how many words it has that say something. */
interface Plan {
  clauses: Clause[];
  words: number;
}

interface Clause {
  weight: number;
  alternatives: Alternative[];
  /** the query asks how two things differ (차이, vs) */
  compares?: boolean;
}

/** "#65 SQS …" and "10.16. Limitation": the numbering is how notes are ordered, not what they are about. */
export function headingWords(heading: string): string {
  // Most headings start with neither, and are their own words.
  const first = heading.charCodeAt(0);
  if (first !== 0x23 && !(first >= 0x30 && first <= 0x39)) return heading;
  return heading.replace(/^#\d+\s*/, "").replace(/^\d+(?:\.\d+)*\.?\s+/, "");
}

export interface ScoredSection {
  index: number;
  score: number;
  /** 0..1 share of the query's weight this section matched */
  coverage: number;
}

/** The concepts for a corpus: domain packs it names, the general vocabulary, then the pairs its notes write. */
export function conceptsFor(sections: readonly Section[], nfkcBodies: readonly string[] = sections.map((s) => nfkc(s.text))): Concepts {
  const bridges = new Map<string, string[]>();
  const add = (text: string) => {
    // Copied notes write the same pairs again: each is added once, where first written.
    if (text.includes("(")) for (const pair of bridgesInNfkc(text)) if (!bridges.has(pair.join("\n"))) bridges.set(pair.join("\n"), pair);
  };
  sections.forEach((s, i) => {
    add(nfkc(s.heading));
    add(nfkcBodies[i]!);
  });
  const entries: Array<readonly string[]> = [];
  for (const pack of DOMAIN_PACKS) if (packApplies(sections, pack)) entries.push(...pack.entries);
  entries.push(...STUDY_VOCABULARY);
  const concepts = new Concepts(entries);
  for (const pair of bridges.values()) concepts.add(pair, true);
  return concepts;
}

/** Whether the notes name enough of a pack's products; reads only as far as it takes to know. */
function packApplies(sections: readonly Section[], pack: (typeof DOMAIN_PACKS)[number]): boolean {
  const latinWords = new Set<string>();
  for (let i = 0; i < sections.length; i++) {
    for (const text of [sections[i]!.heading, sections[i]!.text]) for (const w of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) latinWords.add(w);
    if ((i % 64 === 63 || i === sections.length - 1) && markersPresent(latinWords, pack.markers) >= pack.minMarkers) return true;
  }
  return false;
}

/**
 * Each section's breadcrumb (the note's title, then its parents' headings), in NFKC. The title often names the
 * subject its sections never repeat (Kafka 정리 › acks). Sections follow their siblings, so a section whose parents
 * are the previous one's gets the very same string, made once.
 */
class Breadcrumbs {
  private previous: readonly string[] = [];
  private text = "";

  constructor(private readonly sections: readonly Section[]) {}

  of(i: number): string {
    const path = this.sections[i]!.path;
    const previous = this.previous;
    let same = path.length === previous.length && i > 0;
    for (let k = 0; same && k < path.length - 1; k++) same = path[k] === previous[k];
    if (!same) this.text = nfkc(path.slice(0, -1).map(headingWords).join(" \n "));
    this.previous = path;
    return this.text;
  }
}

/** Each section's heading read as a query, as term ids: entries start[i] .. start[i + 1] of terms. */
function headingTermsOf(analyzer: Analyzer, sections: readonly Section[]): { start: Int32Array; terms: Int32Array } {
  // Headings repeat their phrases (sections under one parent, numbered parts): each phrase is analysed once.
  const phraseTerms = new Map<string, number[]>();
  const ids: number[] = [];
  const start = new Int32Array(sections.length + 1);
  for (let i = 0; i < sections.length; i++) {
    for (const id of analyzer.queryTermIds(headingWords(sections[i]!.heading), phraseTerms)) if (!STOP_LATIN.has(analyzer.terms[id]!)) ids.push(id);
    start[i + 1] = ids.length;
  }
  return { start, terms: Int32Array.from(ids) };
}

export class SearchIndex {
  readonly concepts: Concepts;
  private readonly analyzer: Analyzer;
  /** how many terms the notes have: ids from here on were first met in queries */
  private readonly termCount: number;
  /** postings of term t, by section: postStart[t] .. postStart[t + 1], each two numbers of postEntries (section
   * and whether its heading or breadcrumb has the term; BM25 weight), see Postings */
  private readonly postStart: Int32Array;
  private readonly postEntries: Float64Array;
  private readonly idfs: Float64Array;
  private readonly emptyBody: Uint8Array;
  /** each section's heading as query-style term ids (entries headingStart[i] .. headingStart[i + 1]), to prefer
   * headings that say just what was asked */
  private readonly headingStart: Int32Array;
  private readonly headingTerms: Int32Array;
  /** ids below this may be heading terms */
  private readonly headingTermLimit: number;
  /** folded Latin words of the corpus and vocabulary, by length, for typo correction */
  private readonly vocabulary = new Map<number, string[]>();
  /** sound key → Hangul words (stems) of the corpus, and → Latin words of the corpus */
  private readonly hangulBySound = new Map<string, string[]>();
  private readonly latinBySound = new Map<string, string[]>();
  /** the stems (two syllables or more) of the notes' Hangul words */
  private readonly hangulStems = new Set<string>();
  private scratch?: Scratch;
  private byStem?: Map<string, string[]>;
  /** the notes' Hangul words, sorted */
  private readonly hangulWords: string[];

  constructor(readonly sections: readonly Section[]) {
    // Each body is brought to NFKC once, for the pairs it writes and for its terms.
    const bodies = sections.map((s) => nfkc(s.text));
    this.concepts = conceptsFor(sections, bodies);
    const analyzer = (this.analyzer = new Analyzer(this.concepts));
    const n = sections.length;
    let characters = 0;
    for (const body of bodies) characters += body.length;
    const breadcrumbs = new Breadcrumbs(sections);
    const postings = buildPostings(analyzer, n, (i) => [nfkc(headingWords(sections[i]!.heading)), breadcrumbs.of(i), bodies[i]!], characters);
    this.termCount = postings.termCount;
    this.postStart = postings.start;
    this.postEntries = postings.entries;
    this.idfs = postings.idf;
    this.emptyBody = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.emptyBody[i] = /\S/.test(sections[i]!.text) ? 0 : 1;

    const latinWords = new Set<string>(this.concepts.latinVocabulary);
    const hangulWords: string[] = [];
    for (const [w, hangul] of analyzer.sealVocabulary()) {
      if (hangul) hangulWords.push(w);
      else latinWords.add(w);
    }

    const headings = headingTermsOf(analyzer, sections);
    this.headingStart = headings.start;
    this.headingTerms = headings.terms;
    this.headingTermLimit = analyzer.terms.length;
    this.hangulWords = [...hangulWords].sort();
    this.learnSpellings(latinWords, hangulWords);
  }

  /** The tables a query word's other spellings are found in: typo corrections and spellings by sound. */
  private learnSpellings(latinWords: Iterable<string>, hangulWords: readonly string[]): void {
    for (const w of latinWords) {
      if (/^\d+$/.test(w)) continue;
      if (w.length >= 4) {
        let bucket = this.vocabulary.get(w.length);
        if (!bucket) this.vocabulary.set(w.length, (bucket = []));
        bucket.push(w);
      }
      if (w.length >= 3 && this.has(foldLatin(w))) for (const key of latinKeys(w)) pushTo(this.latinBySound, key, foldLatin(w));
    }
    for (const w of hangulWords) {
      const st = stem(w);
      if (st.length < 2) continue;
      this.hangulStems.add(st);
      const key = hangulKey(st);
      if (key.length >= MIN_KEY_LENGTH) pushTo(this.hangulBySound, key, st);
    }
  }

  /** Whether some Hangul word of the notes starts with `prefix`. */
  beginsHangulWord(prefix: string): boolean {
    return this.hangulWords[firstAtLeast(this.hangulWords, prefix)]?.startsWith(prefix) ?? false;
  }

  /** In how many sections a term occurs. */
  private df(term: Term): number {
    const id = this.analyzer.idOf(term);
    return id === undefined || id >= this.termCount ? 0 : this.postStart[id + 1]! - this.postStart[id]!;
  }

  private has(term: Term): boolean {
    return this.df(term) > 0;
  }

  /** Whether the notes have every bigram of a Hangul word (or the word, of one syllable). */
  private hasWhole(word: string): boolean {
    return this.wordInNotes(word, 1) !== undefined;
  }

  /** Whether the notes write a Hangul word in Latin letters (툴 as tool, 스레드 as thread). */
  private spelledInNotes(word: string): boolean {
    return this.latinSpellings(word).length > 0;
  }

  /** The notes' Latin words a Hangul word (its stems, `candidates`) spells by sound, as alternatives. */
  private latinSpellings(word: string, candidates = stems(word).filter((s) => !isStopHangul(s.stem))): Alternative[] {
    // A spoken predicate (생겨, 빨라져요) is no loanword, and nor is a noun's verb form.
    if (isPredicate(word)) return [];
    const out: Alternative[] = [];
    for (const s of candidates) {
      // One syllable is enough where it has a final consonant: two consonants spell 존 (zone), 팀 (team), 툴 (tool);
      // but so little is easily another word (적 and search), so it must also be spelt much like it.
      if (s.kind === "ending" || hangulKey(s.stem).length < MIN_KEY_LENGTH) continue;
      for (const latin of this.soundAlikes(s.stem, [hangulKey(s.stem)], this.latinBySound)) {
        if (s.stem.length > 1 || spellingDistance(s.stem, latin) <= ONE_SYLLABLE_DISTANCE) out.push({ terms: [[latin, 1]], factor: LOANWORD_FACTOR });
      }
    }
    return out;
  }

  /** A Hangul word as an alternative, where the notes have it whole. */
  private wordInNotes(word: string, factor: number): Alternative | undefined {
    const alternative = bigramAlternative(word, factor);
    return alternative.terms.every(([t]) => this.has(t)) ? alternative : undefined;
  }

  /** The query as clauses with their alternatives (exported for tests and the term matcher). */
  plan(typed: string): Plan {
    const query = typed.slice(0, MAX_QUERY_CHARS);
    /** words that weigh little or nothing but make the question longer: degree, kind of answer, predicates, numbers */
    let lightWords = 0;
    const a = this.analyze(query);
    const clauses: Clause[] = [];
    /** the clause of each Latin word of the query (folded) */
    const clauseOf = new Map<string, number>();
    const seenConcepts = new Set<Term>();
    // The words of a concept these notes never write are read as words, where the notes have them (전략 패턴 where the
    // notes say Strategy (전략)); a name they have not even the words of (트리거) stays one.
    const latinWords = [...a.latinWords];
    /** the concept each word of those was found in: its other forms may be in the notes inside longer names (오류 in
     * 1종 오류), where the index keeps only their words */
    const conceptOfWord = new Map<string, Term>();
    const hangulWords = [...a.hangulWords];
    const alone = loneLatinWords(query);
    for (const { term: c, latin, hangul, hangulPieces } of a.conceptSources) {
      if (seenConcepts.has(c)) continue;
      // A question word the notes pair with a term of theirs (분석 대상(What)) is still grammar in an English question
      // (what are the 3 Vs); alone among Korean words it is their term.
      if (latin.length === 1 && !hangul && QUESTION_LATIN.has(latin[0]!.toLowerCase()) && !alone.has(latin[0]!.toLowerCase())) continue;
      seenConcepts.add(c);
      if (META_CONCEPTS.has(c)) {
        if (c === DIFFERENCE) clauses.push({ weight: this.has(c) ? 0.5 : 0, alternatives: [{ terms: [[c, 1]], factor: 1 }], compares: true });
        else if (this.has(c)) clauses.push({ weight: 0.5, alternatives: [{ terms: [[c, 1]], factor: 1 }] });
        continue;
      }
      if (!this.has(c) && hangulPieces.every((piece) => this.hasWhole(piece) || this.spelledInNotes(piece))) {
        latinWords.push(...latin);
        hangulWords.push(...hangulPieces);
        for (const w of [...latin, ...hangulPieces]) conceptOfWord.set(w, c);
        continue;
      }
      // The words the concept was found in count too: notes may use them outside that concept ("congestion" in
      // "congestion control").
      const alternatives: Alternative[] = [{ terms: [[c, 1]], factor: 1 }];
      const words = latin.map(foldLatin).filter((w) => !STOP_LATIN.has(w));
      if (words.length) alternatives.push({ terms: words.map((w) => [w, 1 / words.length]), factor: SOURCE_WORDS_FACTOR, fallback: true });
      else if (hangul.length >= 2) alternatives.push({ ...bigramAlternative(hangul, SOURCE_WORDS_FACTOR), fallback: true });
      // A concept named by one English word may be spelt in Hangul where its translation is not used (dimension:
      // 차원 in the vocabulary, 디멘션 in the notes): in the sections that have neither.
      if (latin.length === 1 && words.length === 1) {
        for (const h of this.soundAlikes(latin[0]!.toLowerCase(), latinKeys(latin[0]!), this.hangulBySound)) {
          if (spellingDistance(h, words[0]!) <= CONCEPT_BY_SOUND_DISTANCE) alternatives.push({ ...bigramAlternative(h, LOANWORD_FACTOR), fallback: true });
        }
      }
      for (const w of words) clauseOf.set(w, clauses.length);
      clauses.push({ weight: NAME_WEIGHT, alternatives });
    }
    const seenLatin = new Set<string>();
    const nameParts = this.namePartWords(query);
    for (const word of latinWords) {
      const folded = foldLatin(word);
      if (word.length < 2 || seenLatin.has(folded)) continue;
      // An English word alone among Korean ones is no English grammar: this or for there is a name (this 바인딩,
      // for문), where the notes have it.
      if ((STOP_LATIN.has(word) || STOP_LATIN.has(folded)) && !(alone.has(word) && this.has(folded))) continue;
      seenLatin.add(folded);
      // A number the notes do not have is an example of the question (n=1000000, 10만 번), no subject of it: it
      // weighs nothing, but makes the question longer. One they have (443, 404) is a word of theirs.
      if (/^\d+$/.test(folded)) {
        if (this.has(folded)) clauses.push({ weight: 1, alternatives: [{ terms: [[folded, 1]], factor: 1 }] });
        else lightWords++;
        continue;
      }
      clauseOf.set(folded, clauses.length);
      const concept = conceptOfWord.get(word);
      const clause = this.latinClause(word, folded, concept === undefined && !nameParts.has(word.toLowerCase()));
      if (concept !== undefined) this.addFormsOf(concept, word, clause);
      clauses.push(clause);
    }
    if (clauseOf.size >= 3) this.addInitials(query, clauses, clauseOf);
    this.addCamelCaseWords(query, clauses, clauseOf);
    // A letter joined to a word is part of a name (t검정, p값); where the notes have it, it counts as a word.
    for (const letter of new Set(a.boundLetters)) if (!seenLatin.has(letter) && this.has(letter)) clauses.push({ weight: 1, alternatives: [{ terms: [[letter, 1]], factor: 1 }] });
    const hangulClauseOf = new Map<string, number>();
    const howTo = howToVerbs(query);
    const typedApart = new Set(query.normalize("NFKC").split(/[\s?!.,]+/));
    for (const word of hangulWords) {
      if (hangulClauseOf.has(word) || isStopHangul(word) || (isParticle(word) && typedApart.has(word))) {
        if (DEGREE_HANGUL.has(word)) lightWords++;
        continue;
      }
      const asking = askingStem(word);
      if (asking) {
        lightWords++;
        const found = this.wordInNotes(asking, 1);
        if (found) clauses.push({ weight: 0.5, alternatives: [found] });
        continue;
      }
      hangulClauseOf.set(word, clauses.length);
      const verb = howTo.has(word);
      // A predicate weighs little, but a question with one is longer, and needs less of its weight covered.
      if (verb || isPredicate(word)) lightWords++;
      const clause = this.hangulClause(word, verb);
      const concept = conceptOfWord.get(word);
      if (concept !== undefined) this.addFormsOf(concept, word, clause);
      clauses.push(clause);
    }
    const joined = this.addJoined(query, clauses, clauseOf, hangulClauseOf);
    // A bigram across a space is there for spacing variants (스토리지 클래스 = 스토리지클래스): one the notes do not have
    // finds nothing, and would only make every section cover less of the question (프롭 드릴링, 주소 줄여 쓰는 법). Two
    // words found as one name need no bigram across them.
    const crosses = new Set(
      a.crossBigrams
        .filter((c) => this.has(c.term) && !joined.has(`${c.left} ${c.right}`))
        .filter((c) => !isAsideWord(c.left, typedApart) && !isAsideWord(c.right, typedApart))
        .map((c) => c.term),
    );
    for (const cross of crosses) clauses.push({ weight: 0.35, alternatives: [{ terms: [[cross, 1]], factor: 1 }] });
    let words = lightWords;
    for (const c of clauses) if (c.weight >= 1) words++;
    return { clauses, words };
  }

  /**
   * In a Korean question, the English words after a name of the notes in one run of English words are that name's
   * words (docker compose, key vault), not English words to translate.
   */
  private namePartWords(query: string): Set<string> {
    const parts = new Set<string>();
    if (!/[\uac00-\ud7a3]/.test(query)) return parts;
    for (const run of normalize(query).match(/[a-z][a-z0-9]*(?: +[a-z][a-z0-9]*)+/g) ?? []) {
      const [first, ...rest] = run.split(/ +/);
      const term = this.concepts.termOf(first!);
      if (this.has(foldLatin(first!)) || (term !== undefined && this.has(term))) for (const w of rest) parts.add(w);
    }
    return parts;
  }

  /**
   * An English phrase may be there as its initials (central limit theorem → CLT, network address translation →
   * NAT): where the notes have those, each word of the phrase finds them too, even when the notes use the words
   * elsewhere (address in ARP's section).
   */
  private addInitials(query: string, clauses: Clause[], clauseOf: Map<string, number>): void {
    for (const run of normalize(query).match(/[a-z][a-z0-9]*(?:[ \-]+[a-z][a-z0-9]*)+/g) ?? []) {
      const words = run.split(/[ \-]+/).map(foldLatin);
      const content = words.filter((w) => !STOP_LATIN.has(w));
      // Two letters are too often something else (GB, AZ, ML).
      if (content.length < 3) continue;
      const initials = [content, words].map((ws) => ws.map((w) => w[0]).join("")).find((x) => this.has(x));
      if (!initials) continue;
      for (const w of content) addAlternative(clauses[clauseOf.get(w) ?? -1], { terms: [[initials, 1]], factor: 1 });
    }
  }

  /**
   * A name typed in camel case (setState) that the notes do not write whole: the words its capitals mark, where the
   * notes have them all. Typed in lower case (webpack), a word shows no such parts.
   */
  private addCamelCaseWords(query: string, clauses: Clause[], clauseOf: Map<string, number>): void {
    for (const [name] of query.normalize("NFKC").matchAll(/\b[a-zA-Z][a-z]+(?:[A-Z][a-z]+)+\b/g)) {
      const folded = foldLatin(name.toLowerCase());
      const clause = clauses[clauseOf.get(folded) ?? -1];
      const parts = name.split(/(?=[A-Z])/).map((p) => foldLatin(p.toLowerCase()));
      if (!clause || this.has(folded) || !parts.every((p) => p.length >= 2 && this.has(p))) continue;
      addAlternative(clause, { terms: parts.map((p) => [p, 1 / parts.length]), factor: 1 });
    }
  }

  /**
   * Two words the notes write as one name (resource quota or 리소스 쿼터 for ResourceQuota, config map for
   * ConfigMap): each of the two finds that name too. Returns the Hangul pairs so found, as "left right".
   */
  private addJoined(query: string, clauses: Clause[], latinClauseOf: Map<string, number>, hangulClauseOf: Map<string, number>): Set<string> {
    const joinedPairs = new Set<string>();
    const join = (words: readonly string[], clauseOf: Map<string, number>, alternative: Alternative) => {
      for (const w of words) addAlternative(clauses[clauseOf.get(w) ?? -1], alternative);
    };
    const text = normalize(query);
    for (const run of text.match(/[a-z][a-z0-9]*(?:[ \-]+(?:[a-z][a-z0-9]*|\d+))+/g) ?? []) {
      const words = run.split(/[ \-]+/);
      for (let k = 0; k + 1 < words.length; k++) {
        const [left, right] = [words[k]!, words[k + 1]!];
        const joined = foldLatin(left + right);
        if (STOP_LATIN.has(left) || STOP_LATIN.has(right) || !this.has(joined)) continue;
        join([foldLatin(left), foldLatin(right)], latinClauseOf, { terms: [[joined, 1]], factor: 1 });
      }
    }
    // In Hangul, the name is the notes' English word the two sound like together; the second word may end in a
    // particle (리소스 쿼터로), or look as if it did (프레임).
    for (const run of text.match(/[\uac00-\ud7a3]+(?: [\uac00-\ud7a3]+)+/g) ?? []) {
      const words = run.split(" ");
      for (let k = 0; k + 1 < words.length; k++) {
        const [left, right] = [words[k]!, words[k + 1]!];
        if (!hangulClauseOf.has(left) || !hangulClauseOf.has(right) || isPredicate(left) || isPredicate(right)) continue;
        const names = new Set<string>();
        for (const joined of new Set([left + right, left + stem(right)])) {
          for (const latin of this.soundAlikes(joined, [hangulKey(joined)], this.latinBySound)) if (this.has(latin)) names.add(latin);
        }
        for (const latin of names) join([left, right], hangulClauseOf, { terms: [[latin, 1]], factor: LOANWORD_FACTOR });
        if (names.size) joinedPairs.add(`${left} ${right}`);
      }
    }
    return joinedPairs;
  }

  /**
   * The other forms of a concept a word of the query was found in, as words the notes have: the notes may write
   * them only inside a longer name (오류 in 1종 오류, error in type i error), where the index keeps their words but
   * not the concept.
   */
  private addFormsOf(concept: Term, word: string, clause: Clause): void {
    // Forms of one word only: a phrase's words found apart anywhere in a section (서비스, 제어, 정책) are no sign of it.
    for (const form of this.concepts.forms.get(concept) ?? []) {
      if (form === word || form.includes(" ")) continue;
      let found: Alternative | undefined;
      if (isHangulWord(form)) found = form.length >= 2 ? this.wordInNotes(form, TRANSLATION_FACTOR) : undefined;
      else if (/^[a-z][a-z0-9]*$/.test(form) && this.has(foldLatin(form))) found = { terms: [[foldLatin(form), 1]], factor: TRANSLATION_FACTOR };
      if (found) addAlternative(clause, found);
    }
  }

  /** `ordinary`: the word may be an ordinary word of the question, not a part of a technical name. */
  private latinClause(word: string, folded: string, ordinary = true): Clause {
    const alternatives: Alternative[] = [{ terms: [[folded, 1]], factor: 1 }];
    let known = this.has(folded);
    const parts = known ? null : this.partsInNotes(folded);
    if (parts) {
      alternatives.push({ terms: parts.map((p) => [p, 0.5]), factor: 1 });
      known = true;
    }
    // A dotted name the notes do not write whole (e.target, where they write e.target.value and event.target): its
    // words, as the notes' dotted names are indexed by theirs too.
    const dotted = known || !/[.@+#]/.test(folded) ? [] : folded.split(/[.@+#]/).filter((p) => p.length > 1);
    if (dotted.length > 0 && dotted.every((p) => this.has(p))) {
      alternatives.push({ terms: dotted.map((p) => [p, 1 / dotted.length]), factor: 1 });
      known = true;
    }
    // Unknown Latin words: try a close word of the corpus (cloudfrnt → cloudfront).
    if (!known && word.length >= 4 && !/\d/.test(word)) {
      const fix = this.correct(word);
      if (fix) {
        const terms = [...this.analyze(fix).counts.keys()];
        alternatives.push({ terms: terms.map((t) => [t, 1 / terms.length]), factor: 1 });
        known = terms.some((t) => this.has(t));
      }
    }
    // The same word spelled in Hangul in the notes (proxy → 프록시).
    let spelt = false;
    // A plural is spelt in Hangul as its singular (petersons → 피터슨): that is tried where the word as typed finds
    // nothing.
    const lower = word.toLowerCase();
    const spoken = lower === folded ? [lower] : [lower, folded];
    for (const w of spoken) {
      for (const h of this.soundAlikes(w, latinKeys(w), this.hangulBySound)) {
        // A word of a concept of the vocabulary is a known name: only a close spelling is taken for it.
        if (!ordinary && spellingDistance(h, w) > NAME_BY_SOUND_DISTANCE) continue;
        alternatives.push(bigramAlternative(h, LOANWORD_FACTOR));
        spelt = true;
        known ||= spellingDistance(h, w) <= KNOWN_BY_SOUND_DISTANCE;
      }
      if (spelt) break;
    }
    // An English word in another form than the notes write it (sampling, where they write sample or 샘플): the
    // words of its stem, and the Hangul spellings of that stem.
    if (!this.has(folded) && !spelt && word.length >= 5) {
      const root = stemmer(folded);
      if (root !== folded && root.length >= 3) {
        for (const w of this.latinWordsByStem().get(root) ?? []) {
          alternatives.push({ terms: [[w, 1]], factor: 1 });
          known = true;
        }
        for (const h of this.soundAlikes(root, latinKeys(root), this.hangulBySound)) {
          alternatives.push(bigramAlternative(h, LOANWORD_FACTOR));
          known = true;
        }
      }
    }
    // An ordinary word of the question (range, share, split) the notes do not write but say in Korean (범위, 공유,
    // 분할): it weighs as a word, not as a name, whether the notes have the Korean or not.
    const korean = ordinary && !this.has(folded) ? (koreanFor(word.toLowerCase()) ?? koreanFor(folded)) : undefined;
    if (korean) {
      for (const k of korean) {
        // A Korean word that is a concept's form (분할 for partition) is indexed as that concept.
        const term = this.concepts.termOf(k);
        const found = term !== undefined && this.has(term) ? { terms: [[term, 1]] as Array<[Term, number]>, factor: TRANSLATION_FACTOR } : this.wordInNotes(k, TRANSLATION_FACTOR);
        if (found) alternatives.push(found);
      }
      return { weight: 1, alternatives };
    }
    return { weight: known ? NAME_WEIGHT : UNKNOWN_NAME_WEIGHT, alternatives };
  }

  /**
   * The two parts the notes write apart of a word typed as one: a letter and a word they join with a hyphen (kmeans
   * for k-means, tsne for t-SNE), or letters and a number (sha1 for SHA-1, http2 for HTTP/2, tls1.3 for TLS 1.3).
   */
  private partsInNotes(folded: string): [string, string] | null {
    const numbered = /^([a-z]{2,})(\d+(?:\.\d+)?)$/.exec(folded);
    const splits: Array<[string, string]> = folded.length >= 4 ? [[folded[0]!, foldLatin(folded.slice(1))]] : [];
    if (numbered) splits.push([numbered[1]!, numbered[2]!]);
    return splits.find((pair) => pair.every((p) => this.has(p))) ?? null;
  }

  /** The notes' Latin words (four letters or more) by their English stem; made when a query first needs it. */
  private latinWordsByStem(): Map<string, string[]> {
    if (!this.byStem) {
      this.byStem = new Map();
      for (const words of this.vocabulary.values()) for (const w of words) if (this.has(foldLatin(w))) pushTo(this.byStem, stemmer(w), foldLatin(w));
    }
    return this.byStem;
  }

  /** `verb`: the word is a verb whatever its shape says (보는 in 보는 법). */
  private hangulClause(word: string, verb = false): Clause {
    const alternatives: Alternative[] = [];
    const candidates = stems(word).filter((s) => !isStopHangul(s.stem));
    for (const s of candidates) alternatives.push(bigramAlternative(s.stem, 1));
    alternatives.push(...this.latinSpellings(word, candidates));
    // A modifier's noun form, as notes write their fragments (빠른 → 빠름, 막는 → 막음).
    for (const form of nounForms(word)) {
      const found = this.wordInNotes(form, 1);
      if (found) alternatives.push(found);
    }
    // An English -ing spelt in Hangul where the notes write the word it is made from (리밸런싱 → 리밸런스).
    for (const s of candidates) {
      if (s.kind === "ending" || this.hangulStems.has(s.stem)) continue;
      for (const base of ingBases(s.stem)) if (this.hangulStems.has(base)) alternatives.push(bigramAlternative(base, 1));
    }
    // Two English words spelt in Hangul as one (타임웨이트 for TIME_WAIT, 로드밸런서 for load balancer): where the notes
    // write neither the word nor one English word for it, a split into two that each sound like a word of theirs.
    if (!isPredicate(word)) {
      for (const s of candidates) {
        if (s.kind === "ending" || s.stem.length < 4 || this.hasWhole(s.stem)) continue;
        const split = this.twoWordsBySound(s.stem);
        // ... unless one word of theirs reads more like it (타임아웃 is timeout, not time + out)
        const whole = this.soundAlikes(s.stem, [hangulKey(s.stem)], this.latinBySound)[0];
        if (split && (whole === undefined || split.distance < spellingDistance(s.stem, whole))) alternatives.push({ terms: [[split.words[0], 0.5], [split.words[1], 0.5]], factor: LOANWORD_FACTOR });
      }
    }
    const known = alternatives.some((alt) => alt.terms.some(([t]) => this.has(t)));
    // A spoken predicate (생겨, 빨라져요, 떨어지면) says how the question is asked more than what about: one the notes
    // do not use weighs nothing, so a query of it alone still finds nothing and a word it follows is not
    // outweighed; one they use counts for half a word.
    const weight = verb || isPredicate(word) ? (known ? 0.5 : 0) : known || word.length > 1 ? 1 : 0.6;
    return { weight, alternatives: alternatives.length ? alternatives : [bigramAlternative(word, 1)] };
  }

  /** The two Latin words of the notes a Hangul word spells, split where both halves (two syllables or more) sound
   * like one; the split whose halves read most like their words, and how unlike them. */
  private twoWordsBySound(word: string): { words: [string, string]; distance: number } | null {
    let best: { words: [string, string]; distance: number } | null = null;
    for (let k = 2; k + 2 <= word.length; k++) {
      const [left, right] = [word.slice(0, k), word.slice(k)];
      const l = this.soundAlikes(left, [hangulKey(left)], this.latinBySound)[0];
      const r = l === undefined ? undefined : this.soundAlikes(right, [hangulKey(right)], this.latinBySound)[0];
      if (l === undefined || r === undefined || l === r) continue;
      // the mean of the halves' distances, weighed by their lengths, to compare with the whole word's
      const distance = (spellingDistance(left, l) * left.length + spellingDistance(right, r) * right.length) / word.length;
      if (!best || distance < best.distance) best = { words: [l, r], distance };
    }
    return best;
  }

  /**
   * Other spellings of one word in this corpus: the forms of its concept (Lambda → 람다) and the corpus's words
   * in the other script that sound like it (mutex → 뮤텍스). For autocomplete and the term matcher.
   */
  spellings(word: string): string[] {
    const w = word.toLowerCase();
    const out = new Set<string>();
    const term = this.concepts.termOf(w);
    if (term) for (const f of this.concepts.forms.get(term) ?? []) out.add(f);
    if (isHangulWord(w)) {
      const st = stem(w);
      if (st.length >= 2) for (const l of this.soundAlikes(st, [hangulKey(st)], this.latinBySound)) out.add(l);
    } else for (const h of this.soundAlikes(w, latinKeys(w), this.hangulBySound)) out.add(h);
    out.delete(w);
    return [...out];
  }

  /**
   * Words of the corpus in the other script that sound like `word` (its keys looked up in `table`): those that
   * read most like it first, the most used among equals; one that reads much less like it than the best is
   * another word that shares its consonants (가장 beside 가우시안 for gaussian).
   */
  private soundAlikes(word: string, keys: readonly string[], table: Map<string, string[]>): string[] {
    const hangul = isHangulWord(word);
    const alike: string[] = [];
    for (const key of keys) {
      for (const w of table.get(key) ?? []) if (!alike.includes(w) && (hangul ? soundsAlike(word, w) : soundsAlike(w, word))) alike.push(w);
    }
    if (alike.length < 2) return alike;
    const found = alike.map((w) => ({ w, distance: hangul ? spellingDistance(word, w) : spellingDistance(w, word), df: this.df(hangul ? w : w.slice(0, 2)) }));
    found.sort((a, b) => a.distance - b.distance || b.df - a.df);
    const bar = found[0]!.distance + SPELLING_MARGIN;
    const out: string[] = [];
    for (const f of found) if (f.distance <= bar && out.length < MAX_LOANWORDS) out.push(f.w);
    return out;
  }

  private correct(word: string): string | null {
    const maxEdits = word.length >= 8 ? 2 : 1;
    let best: string | null = null;
    let bestDistance = maxEdits + 1;
    let bestDf = -1;
    const letters = letterCounts(word);
    for (let len = word.length - maxEdits; len <= word.length + maxEdits; len++) {
      for (const candidate of this.vocabulary.get(len) ?? []) {
        // Typos rarely take the first letter, and a word two edits away with another first letter is more often another
        // word (attention, retention).
        if (candidate[0] !== word[0]) continue;
        // An edit changes at most two letter counts by one: a cheap bound before the distance itself.
        if (letterDifference(letters, word.length, candidate) > 2 * Math.min(maxEdits, bestDistance)) continue;
        const d = boundedDamerau(word, candidate, bestDistance);
        if (d > maxEdits) continue;
        const df = this.df(foldLatin(candidate));
        if (d < bestDistance || (d === bestDistance && df > bestDf)) {
          best = candidate;
          bestDistance = d;
          bestDf = df;
        }
      }
    }
    return best;
  }

  /** Analyses a query (or a heading read as one) with this corpus's concepts. */
  analyze(text: string): Analysis {
    return this.analyzer.analyze(text);
  }

  search(query: string, limit: number): ScoredSection[] {
    const { clauses, words } = this.plan(query);
    if (clauses.length === 0) return [];
    const comparison = clauses.some((c) => c.compares);
    // A long question says more than the notes' words for it (너무, 실제, 이유): past a few words, a section need
    // cover less of it, as a search engine's "minimum should match" does.
    const required = MIN_COVERAGE * Math.min(1, LONG_QUERY_WORDS / Math.max(1, words));
    const n = this.sections.length;
    const scratch = (this.scratch ??= new Scratch(n, this.headingTermLimit));
    const { scores, matched, matchedInTitle, bestScore, bestMatched, bestTitled, altScore, altMatched, altTitled, queryTerm } = scratch;
    const { touched, clauseTouched, altTouched } = scratch;
    const { postStart, postEntries } = this;
    let touchedCount = 0;
    const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
    const queryIds: number[] = [];
    let totalWeight = 0;
    /** the weight of the clauses no section has */
    let unknownWeight = 0;
    // Which clauses each section matches, a bit each; and the content clause with the rarest words the notes have.
    const { clauseBits } = scratch;
    let tellingImportance = -1;
    let tellingBit = 0;
    for (let c = 0; c < clauses.length; c++) {
      const clause = clauses[c]!;
      let importance = Infinity;
      let clauseCount = 0;
      for (const alt of clause.alternatives) {
        let altIdf = 0;
        let altCount = 0;
        const coverage = alt.factor === LOANWORD_FACTOR ? LOANWORD_COVERAGE : 1;
        for (let a = 0; a < alt.terms.length; a++) {
          const [term, share] = alt.terms[a]!;
          const id = this.analyzer.idOf(term);
          const known = id !== undefined && id < this.termCount && postStart[id + 1]! > postStart[id]!;
          if (id !== undefined && id < queryTerm.length && queryTerm[id] === 0) {
            queryTerm[id] = 1;
            queryIds.push(id);
          }
          // A word the notes never use still counts in the query's weight: that is what makes "GCP Cloud Run" empty.
          const idf = known ? this.idfs[id]! : maxIdf;
          altIdf += share * idf;
          if (!known) continue;
          const w = alt.factor * share;
          const wIdf = w * idf;
          const wCoverage = w * coverage;
          const end = postStart[id + 1]!;
          // A fallback counts only where the clause has matched nothing yet.
          const fallback = alt.fallback === true;
          for (let p = postStart[id]!; p < end; p++) {
            const sectionAndTitled = postEntries[2 * p]!;
            const i = sectionAndTitled >> 1;
            if (fallback && bestMatched[i]! > 0) continue;
            if (altMatched[i] === 0) altTouched[altCount++] = i;
            altScore[i] = altScore[i]! + wIdf * postEntries[2 * p + 1]!;
            altMatched[i] = altMatched[i]! + wCoverage;
            if (sectionAndTitled & 1) altTitled[i] = altTitled[i]! + w;
          }
        }
        importance = Math.min(importance, altIdf);
        for (let t = 0; t < altCount; t++) {
          const i = altTouched[t]!;
          if (!(alt.fallback && bestMatched[i]! > 0)) {
            if (bestMatched[i] === 0) clauseTouched[clauseCount++] = i;
            if (altScore[i]! > bestScore[i]!) bestScore[i] = altScore[i]!;
            if (altMatched[i]! > bestMatched[i]!) bestMatched[i] = altMatched[i]!;
            if (altTitled[i]! > bestTitled[i]!) bestTitled[i] = altTitled[i]!;
          }
          altScore[i] = 0;
          altMatched[i] = 0;
          altTitled[i] = 0;
        }
      }
      const weight = clause.weight * importance;
      totalWeight += weight;
      if (clauseCount === 0) unknownWeight += weight;
      const bit = c < 31 ? 1 << c : 0;
      if (clause.weight >= 1 && clauseCount > 0 && importance > tellingImportance && bit) {
        tellingImportance = importance;
        tellingBit = bit;
      }
      for (let t = 0; t < clauseCount; t++) {
        const i = clauseTouched[t]!;
        if (scores[i] === 0 && matched[i] === 0) touched[touchedCount++] = i;
        clauseBits[i] = clauseBits[i]! | bit;
        scores[i] = scores[i]! + clause.weight * bestScore[i]!;
        matched[i] = matched[i]! + weight * Math.min(1, bestMatched[i]!);
        matchedInTitle[i] = matchedInTitle[i]! + weight * Math.min(1, bestTitled[i]!);
        bestScore[i] = 0;
        bestMatched[i] = 0;
        bestTitled[i] = 0;
      }
    }
    // The best `limit` sections, best first (ties by position in the notes), among those worth showing. A section
    // whose heading (or breadcrumb) names the topic ranks above one that only mentions it, and a heading that says
    // just what was asked above a more specific one ("JWT" over "JWT Claim Set"); a heading with nothing under it
    // is a signpost, shown only when nothing better exists. The heading's precision is worked out only for the
    // sections that can still be shown: the others cannot reach the best ones even with a perfect heading.
    const top: ScoredSection[] = [];
    if (touchedCount > 0 && totalWeight > 0) {
      let bestCoverage = 0;
      let secondCoverage = 0;
      let answers = false;
      const telling = unknownWeight < TELLING_UNKNOWN_SHARE * totalWeight ? (TELLING_COVERAGE / MIN_COVERAGE) * required : Infinity;
      let bestLower = 0;
      const lowest = scratch.lowestFor(limit);
      let lowestCount = 0;
      // Without the precision boost: the least a section can score.
      const lowerOf = (i: number) => scores[i]! * (this.emptyBody[i] ? 0.5 : 1) * (1 + TITLE_BOOST * (matchedInTitle[i]! / totalWeight));
      for (let t = 0; t < touchedCount; t++) {
        const i = touched[t]!;
        const coverage = matched[i]! / totalWeight;
        // A section that covers more of the query ranks higher than its term weights alone say, but gently: the
        // square root, so that a section that says a lot about most of the query keeps its place.
        scores[i] = scores[i]! * Math.sqrt(Math.min(1, coverage));
        const lower = lowerOf(i);
        matched[i] = coverage;
        if (coverage > bestCoverage) {
          secondCoverage = bestCoverage;
          bestCoverage = coverage;
        } else if (coverage > secondCoverage) secondCoverage = coverage;
        if (coverage >= required || (coverage >= telling && (clauseBits[i]! & tellingBit) !== 0)) answers = true;
        if (lower > bestLower) bestLower = lower;
        // The `limit` highest lower scores of the sections covering enough of the query.
        if (coverage >= required * 0.6 && (lowestCount < limit || lower > lowest[limit - 1]!)) {
          let at = lowestCount < limit ? lowestCount++ : limit - 1;
          while (at > 0 && lowest[at - 1]! < lower) {
            lowest[at] = lowest[at - 1]!;
            at--;
          }
          lowest[at] = lower;
        }
      }
      // Two things compared are often written in two sections (릿지 and 라쏘): together they may cover the query.
      if (answers || (comparison && bestCoverage + secondCoverage >= required)) {
        // A section is worth its precision if it could be the best, or among the `limit` best that cover enough.
        const bar = Math.min(bestLower, lowestCount < limit ? 0 : lowest[limit - 1]!) * (1 - 1e-9);
        const candidates = scratch.candidates;
        let candidateCount = 0;
        let topScore = 0;
        for (let t = 0; t < touchedCount; t++) {
          const i = touched[t]!;
          if (lowerOf(i) + PRECISION_BOOST * scores[i]! * (this.emptyBody[i] ? 0.5 : 1) < bar) continue;
          const from = this.headingStart[i]!;
          const to = this.headingStart[i + 1]!;
          let precise = 0;
          for (let h = from; h < to; h++) precise += queryTerm[this.headingTerms[h]!]!;
          const precision = to > from ? precise / (to - from) : 0;
          const boost = 1 + TITLE_BOOST * (matchedInTitle[i]! / totalWeight) + PRECISION_BOOST * precision;
          const score = scores[i]! * boost * (this.emptyBody[i] ? 0.5 : 1);
          scores[i] = score;
          candidates[candidateCount++] = i;
          if (score > topScore) topScore = score;
        }
        for (let t = 0; t < candidateCount; t++) {
          const i = candidates[t]!;
          const score = scores[i]!;
          if (score < topScore * MIN_RELATIVE_SCORE || matched[i]! < required * 0.6) continue;
          if (top.length === limit && !outranks(score, i, top[limit - 1]!)) continue;
          let at = top.length === limit ? limit - 1 : top.length;
          while (at > 0 && outranks(score, i, top[at - 1]!)) {
            top[at] = top[at - 1]!;
            at--;
          }
          top[at] = { index: i, score, coverage: matched[i]! };
        }
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const i = touched[t]!;
      scores[i] = 0;
      matched[i] = 0;
      matchedInTitle[i] = 0;
      clauseBits[i] = 0;
    }
    for (const id of queryIds) queryTerm[id] = 0;
    return top;
  }
}

/** Per-query working arrays, one slot a section (a term for `queryTerm`), kept zeroed between queries. */
class Scratch {
  readonly scores: Float64Array;
  readonly matched: Float64Array;
  readonly matchedInTitle: Float64Array;
  readonly bestScore: Float64Array;
  readonly bestMatched: Float64Array;
  readonly bestTitled: Float64Array;
  readonly altScore: Float64Array;
  readonly altMatched: Float64Array;
  readonly altTitled: Float64Array;
  readonly queryTerm: Uint8Array;
  /** by section, a bit for each of the query's first 31 clauses it matches */
  readonly clauseBits: Int32Array;
  /** sections met by the query, by the current clause, by the current alternative */
  readonly touched: Int32Array;
  readonly clauseTouched: Int32Array;
  readonly altTouched: Int32Array;
  /** sections whose heading precision is worked out */
  readonly candidates: Int32Array;
  /** the highest lower bounds of scores, best first */
  private lowest = new Float64Array(64);

  constructor(sections: number, terms: number) {
    this.candidates = new Int32Array(sections);
    this.touched = new Int32Array(sections);
    this.clauseTouched = new Int32Array(sections);
    this.altTouched = new Int32Array(sections);
    this.scores = new Float64Array(sections);
    this.clauseBits = new Int32Array(sections);
    this.matched = new Float64Array(sections);
    this.matchedInTitle = new Float64Array(sections);
    this.bestScore = new Float64Array(sections);
    this.bestMatched = new Float64Array(sections);
    this.bestTitled = new Float64Array(sections);
    this.altScore = new Float64Array(sections);
    this.altMatched = new Float64Array(sections);
    this.altTitled = new Float64Array(sections);
    this.queryTerm = new Uint8Array(terms);
  }

  lowestFor(limit: number): Float64Array {
    if (this.lowest.length < limit) this.lowest = new Float64Array(limit);
    return this.lowest;
  }
}

function outranks(score: number, index: number, other: ScoredSection): boolean {
  return score > other.score || (score === other.score && index < other.index);
}

/** Letter counts of a Latin word. */
function letterCounts(word: string): Int32Array {
  const counts = new Int32Array(128);
  for (let i = 0; i < word.length; i++) counts[word.charCodeAt(i) & 127]!++;
  return counts;
}

const taken = new Uint8Array(256);

/**
 * How many letters two words do not share, given the first one's `counts` (left as they were): one edit changes
 * it by at most two, so it bounds the edit distance from below cheaply.
 */
function letterDifference(counts: Int32Array, length: number, word: string): number {
  const n = Math.min(word.length, taken.length);
  let common = 0;
  for (let i = 0; i < n; i++) {
    const c = word.charCodeAt(i) & 127;
    taken[i] = counts[c]! > 0 ? 1 : 0;
    if (taken[i]) {
      counts[c]!--;
      common++;
    }
  }
  for (let i = 0; i < n; i++) if (taken[i]) counts[word.charCodeAt(i) & 127]!++;
  return length + word.length - 2 * common;
}

/**
 * Another way a clause's word may be written in the notes: an alternative of the clause, which makes a name the
 * notes seemed not to use one they have. Nothing without a clause (the word was a stop word).
 */
function addAlternative(clause: Clause | undefined, alternative: Alternative): void {
  if (!clause) return;
  clause.alternatives.push(alternative);
  if (clause.weight === UNKNOWN_NAME_WEIGHT) clause.weight = NAME_WEIGHT;
}

/** The Latin words of a Korean query that stand with no other Latin word beside them. */
function loneLatinWords(query: string): Set<string> {
  const runs = normalize(query).match(/[a-z0-9]+(?:[\s\-.]+[a-z0-9]+)*/g) ?? [];
  return new Set(runs.filter((run) => /^[a-z0-9]+$/.test(run) && /[\uac00-\ud7a3]/.test(query)));
}

/** The words before 법 or 방법 ending in -는 (보는 법, 외우는 방법): how to do something, said by a verb. */
function howToVerbs(query: string): Set<string> {
  return new Set([...query.normalize("NFKC").matchAll(/([\uac00-\ud7a3]+는)\s+(?:방)?법(?![\uac00-\ud7a3])/g)].map((m) => m[1]!));
}

/** The word of a kind of answer (이유, 과정이) a word is, if it is one. */
function askingStem(word: string): string | undefined {
  return stems(word).find((s) => ASKING_HANGUL.has(s.stem))?.stem;
}

/** A word that joins no bigram across the space beside it: a stop word, a particle typed apart, a kind of answer. */
function isAsideWord(word: string, typedApart: ReadonlySet<string>): boolean {
  return isStopHangul(word) || (isParticle(word) && typedApart.has(word)) || askingStem(word) !== undefined;
}

function isStopHangul(word: string): boolean {
  return STOP_HANGUL.has(word) || DEGREE_HANGUL.has(word) || stems(word).some((s) => s.kind !== "none" && STOP_HANGUL.has(s.stem));
}

/** A Hangul word as the index has it: its bigrams, or the word itself when it is one syllable. */
function bigramAlternative(word: string, factor: number): Alternative {
  if (word.length === 1) return { terms: [["1:" + word, 1]], factor };
  const n = word.length - 1;
  const terms: Array<[Term, number]> = [];
  for (let k = 0; k + 1 < word.length; k++) terms.push([word.slice(k, k + 2), 1 / n]);
  return { terms, factor };
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

export { isHangulWord };

/** Damerau–Levenshtein (optimal string alignment), giving up once the distance exceeds `limit`. */
function boundedDamerau(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
