// A query as the search reads it: clauses, one per word or concept of the query, each with alternatives (the word
// as typed, its stems without particles or endings, its spellings by sound in the other script that the notes use,
// such as 뮤텍스 → mutex, its translation, a typo's correction) and a weight: what the question is about weighs more
// than how it is asked (뭐야, 써야 돼), and a name the notes never use more still, so that a question about something
// else comes back empty. Planning knows the notes only by which terms they have (`df`) and by their words.
import { stemmer } from "stemmer";
import { ALIGNED_WORDS } from "./aligned-words.js";
import { baseForms } from "./inflection.js";
import { foldLatin, isHangulWord, isParticleOnly, normalize, type Analysis, type Concepts, type Term } from "./analyze.js";
import type { CorpusWords } from "./corpus-words.js";
import { hangulKey, ingBases, isIngSyllable, letterNameSplits, letterSpellings, MIN_KEY_LENGTH, spellingDistance } from "./loanword.js";
import { alikeSpellings, isParticle, isPredicate, nounForms, stem, stems, type Stem } from "./morphology.js";
import { QUERY_WORDS } from "./query-words.js";

/** Longer queries are cut: nobody types more, and it bounds the work per query. */
export const MAX_QUERY_CHARS = 200;

/** A loanword spelling found by sound is a little less certain than the word as typed. */
export const LOANWORD_FACTOR = 0.8;
/** ... and one of a single syllable much less: it covers less of a query than a section needs to answer it. */
const ONE_SYLLABLE_SOUND_FACTOR = 0.4;
/** The words a concept was found in, outside that concept, count for less than the concept. */
const SOURCE_WORDS_FACTOR = 0.6;
/** A name the notes never use (another cloud's product, a tool we have no note on) says the query is about
 * something else: it weighs more than one they have, so such a query comes back empty rather than half-matched. */
const UNKNOWN_NAME_WEIGHT = 2;
/** A name the notes have, found as a concept (람다, Lambda) or as an English word of theirs (HikariCP, OSIV),
 * weighs more than a Korean word of the question: it says what the question is about. */
const NAME_WEIGHT = 1.5;
/** A Hangul word found spelt another way that sounds the same (ㅐ for ㅔ, 쉬 for 시) is almost surely that word. */
const ALIKE_SPELLING_FACTOR = 0.95;
/** A Hangul word spelt this much like a Latin word of the notes is that word, as sure as typed (뮤텍스, 디피헬만). */
const SURE_SPELLING_DISTANCE = 0.25;
/** A spelling by sound this unlike a word, or more, answers no question of that word alone. */
const LOOSE_SPELLING_DISTANCE = 0.45;
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

/** An ordinary English word found by the Korean word the notes write for it (range → 범위) is a little less
 * certain than the word as typed. */
const TRANSLATION_FACTOR = 0.9;
/** A word this long one edit away from another is a typo of it more often than a word of its own (treatmnet); a
 * shorter one is often both (monkey, money). */
const SURE_TYPO_LENGTH = 7;
/** A table of English words and their Korean (QUERY_WORDS, ALIGNED_WORDS), by the English word. */
function byEnglishWord(table: readonly (readonly string[])[]): Map<string, readonly string[]> {
  return new Map(table.map(([english, ...korean]) => [english!, korean]));
}
const KOREAN_FOR = byEnglishWord(QUERY_WORDS);
const ALIGNED_KOREAN_FOR = byEnglishWord(ALIGNED_WORDS);

/** The Korean for an English word of a question, found by the word or by the base form it may be an inflection of
 * (shares, sharing → share; splitting → split; built → build; fastest → fast). */
function koreanFor(word: string): readonly string[] | undefined {
  const direct = KOREAN_FOR.get(word);
  if (direct) return direct;
  for (const base of baseForms(word)) {
    const found = KOREAN_FOR.get(base);
    if (found) return found;
  }
  return undefined;
}

/** Phrasal verbs of how a thing is done, with their verb and particle. */
const PHRASAL_VERBS = /\b(set|look|clean|spin|sign|figure|find|turn|shut)\s+(up|out|on|off|down)\b/g;

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
/** Numbers in words, each at its value: the notes may write the number (zero → 0). */
const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
/** Common English words that are no name: the rest of the usual English stop words, numbers in words, and verbs,
 * adverbs and pronouns of every subject. Unlike STOP_LATIN, they count where the notes have them. */
const COMMON_LATIN = new Set([
  "myself", "our", "ours", "ourselves", "yours", "yourself", "he", "him", "his", "she", "her", "itself", "whom", "these",
  "those", "am", "were", "been", "being", "having", "doing", "because", "until", "while", "against", "through",
  "during", "before", "after", "above", "below", "up", "down", "out", "off", "over", "under", "again", "further", "once",
  "here", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "only", "own",
  "same", "too", "very", "just", "now", "also", "still", "even", "ever", "much", "many", "lot", "lots", "really",
  "actually", "always", "never", "sometimes", "often", "already", "yet", "maybe", "instead", "without", "within", "via",
  "something", "anything", "everything", "someone", "somebody", "nobody", "every", "thing", "things", "way", "ways",
  "go", "goes", "going", "went", "gone", "get", "gets", "getting", "got", "make", "makes", "making", "made", "take",
  "takes", "took", "keep", "keeps", "put", "puts", "let", "lets", "come", "comes", "give", "gives", "look", "seem",
  "seems", "tell", "want", "wants", "need", "needs", "know", "try", "tries", "mean", "means", "meaning",
  "across", "along", "among", "around", "behind", "beside", "beyond", "inside", "outside", "toward", "towards", "upon",
  ...NUMBER_WORDS,
]);
/** Whether an English word is grammar or an operator of a query (the, what, or), not a word of the notes' subject. */
export function isStopLatin(word: string): boolean {
  return STOP_LATIN.has(word);
}
const STOP_HANGUL = new Set([
  "뭐", "뭐야", "뭐지", "뭐임", "뭐냐", "뭔데", "뭔가요", "뭔지", "무엇", "무엇인가요", "왜", "어떻게", "어떤", "언제", "어디", "어디서", "어느", "무슨", "누가", "누구", "얼마", "얼마나", "몇", "며칠", "알려줘", "알려주세요",
  "설명", "설명해줘", "정리", "좀", "대해", "대해서", "대한", "관련", "관해", "방법", "법", "하는법", "사용법", "돼", "되나요",
  "있나요", "인가", "경우", "때", "동안", "것", "거", "수", "등", "및", "그", "이", "저", "또", "더", "잘", "다", "되", "해", "하", "나요", "건가요",
  // pronouns: whose it is says nothing of what it is (내 파드, 우리 서비스); not 나, which is also 나오다 (에러 나와)
  "내", "네", "우리", "저희",
  // spoken question words as they are contracted and doubled (뭘 for 뭐를, 뭐뭐 for "which ones") and what to do
  // (어떡해): how a question is asked, in any subject
  "뭘", "뭐뭐", "뭐고", "뭐며", "어떡해", "어떡하지", "어떡하죠", "어떡함",
]);
/** Words of quantity, degree and negation: they say how much is asked, not what about; they weigh nothing, but a
 * question with them is longer, and needs less of its weight covered, as any long question. */
const DEGREE_HANGUL = new Set(["여러", "여러개", "여러가지", "안", "못", "너무", "제일", "가장", "진짜", "정말", "그냥", "꼭", "항상"]);
/** Words that say what kind of answer is wanted (the process, the way, the reason), as the meta concepts below do:
 * half a word where the notes use them, nothing where they do not. */
const ASKING_HANGUL = new Set(["과정", "방식", "이유", "장단점", "목적", "용도", "주의", "주의점", "주의사항", "유의점", "유의사항", "공식"]);
/** The concept of a question that compares two things. */
const DIFFERENCE = "@difference";
/** Concepts that say what kind of answer is wanted, not what it is about. */
const META_CONCEPTS = new Set(["@difference", "@definition", "@example", "@concept", "@structure", "@principle", "@feature", "@type", "@advantage", "@disadvantage", "@usecase", "@cause", "@solution", "@problem", "@processflow", "@condition", "@role"]);

export interface Alternative {
  terms: Array<[Term, number]>;
  factor: number;
  /** only for sections the earlier alternatives did not match at all */
  fallback?: boolean;
  /** a Hangul spelling by sound not close enough to answer a question of an English word alone (volcano: 발견) */
  loose?: boolean;
}

/** A query as the search reads it: its clauses, and how many words it has that say something. */
export interface Plan {
  clauses: Clause[];
  words: number;
}

export interface Clause {
  weight: number;
  alternatives: Alternative[];
  /** the query asks how two things differ (차이, vs) */
  compares?: boolean;
}

/** Plans queries over one corpus: `df` tells in how many of its sections a term occurs. */
export class QueryPlanner {
  constructor(
    private readonly concepts: Concepts,
    private readonly analyze: (text: string) => Analysis,
    private readonly df: (term: Term) => number,
    private readonly words: CorpusWords,
  ) {}

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

  /** An English -ing spelt in Hangul where the notes write the word it is made from (리밸런싱 → 리밸런스): those words. */
  private ingBasesInNotes(candidates: readonly Stem[]): string[] {
    const out: string[] = [];
    for (const s of candidates) {
      if (s.kind === "ending" || this.words.hasHangulStem(s.stem)) continue;
      for (const base of ingBases(s.stem)) if (this.words.hasHangulStem(base)) out.push(base);
    }
    return out;
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
      for (const latin of this.words.latinSoundingLike(s.stem)) {
        const distance = spellingDistance(s.stem, latin);
        if (s.stem.length > 1 || distance <= ONE_SYLLABLE_DISTANCE) out.push({ terms: [[latin, 1]], factor: s.stem.length > 1 && distance <= SURE_SPELLING_DISTANCE ? 1 : LOANWORD_FACTOR });
      }
    }
    return out;
  }

  /** The Hangul words of a query (three syllables or more) that the notes do not have but write in Latin letters,
   * by sound: 디폴트딕트 (defaultdict), 다이버전스 (divergence). */
  private loanwordsSpeltWhole(query: string, conceptSpans: readonly string[]): string[] {
    const out: string[] = [];
    for (const token of normalize(query).split(/\s+/)) {
      if (!/^[\uac00-\ud7a3]{3,}$/.test(token) || isPredicate(token)) continue;
      // The concept is the word, with a particle after it (테스트에서만): nothing to read whole.
      if (conceptSpans.some((span) => token === span || (token.startsWith(span) && isParticleOnly(token.slice(span.length))))) continue;
      // The best stem first; then the others, as a loanword may end as an ending does (델타타임이: 델타타 + -임이).
      const st = [stem(token), ...stems(token).map((s) => s.stem)].find(
        (st) => st.length >= 3 && conceptSpans.some((span) => st.includes(span)) && !this.hasWhole(st) && this.latinSpellings(st).length > 0,
      );
      if (st !== undefined) out.push(st);
    }
    return out;
  }

  /** The longest run of two words or more, short of all, of a name's English words that is a concept the notes have. */
  private innerConcept(words: readonly string[]): { term: Term; words: string[] } | undefined {
    for (let length = words.length - 1; length >= 2; length--) {
      for (let from = 0; from + length <= words.length; from++) {
        const run = words.slice(from, from + length);
        const term = this.concepts.termOf(run.join(" "));
        if (term !== undefined && this.has(term)) return { term, words: run };
      }
    }
    return undefined;
  }

  /** Whether one of the alternatives is a word the notes have whole, every term of it. */
  private findsWhole(alternatives: readonly Alternative[]): boolean {
    return alternatives.some((alt) => alt.terms.every(([t]) => this.has(t)));
  }

  /** A Hangul word as an alternative, where the notes have it whole. */
  private wordInNotes(word: string, factor: number): Alternative | undefined {
    const alternative = bigramAlternative(word, factor);
    return alternative.terms.every(([t]) => this.has(t)) ? alternative : undefined;
  }

  /**
   * The query with a mistyped English word corrected where the correction completes a name of several words that
   * the notes have (efficeint frontier → efficient frontier): a word corrected alone would be read as a concept of
   * its own (efficiency), and the name it belongs to lost.
   */
  private phraseTyposCorrected(query: string): string {
    return query.replace(/[A-Za-z][A-Za-z0-9]{3,}/g, (word, at: number) => {
      const folded = foldLatin(word);
      if (this.has(folded) || this.concepts.latinVocabulary.has(word.toLowerCase())) return word;
      const fix = this.words.correct(word);
      if (!fix || fix === folded) return word;
      const corrected = query.slice(0, at) + fix + query.slice(at + word.length);
      const completes = this.analyze(corrected).conceptSources.some((c) => c.latin.length >= 2 && c.latin.includes(fix) && this.has(c.term));
      return completes ? fix : word;
    });
  }

  /** The query as clauses with their alternatives, and how many words it has that say something. */
  plan(typed: string): Plan {
    const query = this.phraseTyposCorrected(typed.slice(0, MAX_QUERY_CHARS));
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
    // A phrasal verb of how something is done (set up, figure out) says how the question is asked, as 하는 법 does:
    // its words weigh nothing, and set is no concept of the notes (a set of elements) there.
    const phrasal = new Set<string>();
    for (const [, verb, particle] of normalize(query).matchAll(PHRASAL_VERBS)) {
      for (const w of [verb!, particle!]) {
        phrasal.add(w);
        const at = latinWords.findIndex((x) => x.toLowerCase() === w);
        if (at >= 0) latinWords.splice(at, 1);
      }
      lightWords++;
    }
    /** the concept each word of those was found in: its other forms may be in the notes inside longer names (오류 in
     * 1종 오류), where the index keeps only their words */
    const conceptOfWord = new Map<string, Term>();
    // A loanword the notes write in Latin letters (디폴트딕트 for defaultdict) is read whole, not as a concept found
    // inside it (디폴트) and the pieces left over.
    const whole = this.loanwordsSpeltWhole(query, a.conceptSources.map((c) => c.hangul).filter(Boolean));
    const hangulWords = [...a.hangulWords.filter((piece) => !whole.some((w) => w !== piece && w.includes(piece))), ...whole];
    const alone = loneLatinWords(query);
    const hasHangul = /[\uac00-\ud7a3]/.test(query);
    /** the clause of each Hangul word of the query read as a concept */
    const conceptClauseOf = new Map<string, number>();
    for (const { term: c, latin, hangul, hangulPieces } of a.conceptSources) {
      if (seenConcepts.has(c)) continue;
      if (hangul && whole.some((w) => w !== hangul && w.includes(hangul))) continue;
      // A question word the notes pair with a term of theirs (분석 대상(What)) is still grammar in an English question
      // (what are the 3 Vs), and so is a function word in a question with no Korean (' OR 1=1 -- where the notes
      // write 또는(OR)); alone among Korean words it is their term.
      const source = latin.length === 1 && !hangul ? latin[0]!.toLowerCase() : undefined;
      if (source !== undefined && phrasal.has(source)) continue;
      if (source !== undefined && !alone.has(source) && (QUESTION_LATIN.has(source) || (STOP_LATIN.has(source) && !hasHangul))) continue;
      seenConcepts.add(c);
      if (META_CONCEPTS.has(c)) {
        if (c === DIFFERENCE) clauses.push({ weight: this.has(c) ? 0.5 : 0, alternatives: [{ terms: [[c, 1]], factor: 1 }], compares: true });
        else if (this.has(c)) clauses.push({ weight: 0.5, alternatives: [{ terms: [[c, 1]], factor: 1 }] });
        continue;
      }
      if (!this.has(c) && hangulPieces.every((piece) => this.hasWhole(piece) || this.spelledInNotes(piece) || this.ingBasesInNotes(stems(piece)).length > 0)) {
        // A longer name the notes do not have may hold one they do (all pairs shortest path: shortest path, which
        // they write 최단 경로): that is a concept of the question, and the words around it are words.
        const inner = hangulPieces.length === 0 ? this.innerConcept(latin) : undefined;
        if (inner && !seenConcepts.has(inner.term)) {
          seenConcepts.add(inner.term);
          const words = inner.words.map(foldLatin);
          for (const w of words) clauseOf.set(w, clauses.length);
          clauses.push({ weight: NAME_WEIGHT, alternatives: [{ terms: [[inner.term, 1]], factor: 1 }, { terms: words.map((w) => [w, 1 / words.length]), factor: SOURCE_WORDS_FACTOR, fallback: true }] });
          latinWords.push(...latin.filter((w) => !inner.words.includes(w)));
          continue;
        }
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
        for (const h of this.words.hangulSoundingLike(latin[0]!.toLowerCase())) {
          if (spellingDistance(h, words[0]!) <= CONCEPT_BY_SOUND_DISTANCE) alternatives.push({ ...bigramAlternative(h, LOANWORD_FACTOR), fallback: true });
        }
      }
      for (const w of words) clauseOf.set(w, clauses.length);
      if (hangul) conceptClauseOf.set(hangul, clauses.length);
      clauses.push({ weight: NAME_WEIGHT, alternatives });
    }
    const seenLatin = new Set<string>();
    const nameParts = this.namePartWords(query);
    const acronyms = acronymsIn(query);
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
      // A common English word (up, get, three) in an English question is how it is asked, or an example: the same
      // as a number, unless the notes have it or the Korean for it. It is never spelt by sound (get is no 코드).
      if (COMMON_LATIN.has(word) && !alone.has(word) && conceptOfWord.get(word) === undefined) {
        const clause = this.latinClause(word, folded, true, false);
        const digits = NUMBER_WORDS.indexOf(word);
        if (digits >= 0) clause.alternatives.push({ terms: [[String(digits), 1]], factor: 1 });
        if (clause.alternatives.some((alt) => alt.terms.some(([t]) => this.has(t)))) {
          clauseOf.set(folded, clauses.length);
          clauses.push({ ...clause, weight: 1 });
        } else lightWords++;
        continue;
      }
      clauseOf.set(folded, clauses.length);
      const concept = conceptOfWord.get(word);
      const clause = this.latinClause(word, folded, concept === undefined && !nameParts.has(word.toLowerCase()), !acronyms.has(word.toLowerCase()));
      if (concept !== undefined) this.addFormsOf(concept, word, clause);
      clauses.push(clause);
    }
    if (clauseOf.size >= 3) this.addInitials(query, clauses, clauseOf);
    this.addCamelCaseWords(query, clauses, clauseOf);
    // A letter joined to a word is part of a name (t검정, p값); where the notes have it, it counts as a word.
    for (const letter of new Set(a.boundLetters)) if (!seenLatin.has(letter) && this.has(letter)) clauses.push({ weight: 1, alternatives: [{ terms: [[letter, 1]], factor: 1 }] });
    const hangulClauseOf = new Map<string, number>();
    const howTo = howToVerbs(query);
    const askedAfter = wordsAfterQuestionWords(query);
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
      // A syllable after a name of the notes (가스비, 전송량) that the notes never write is a suffix of it: the name
      // says what is asked.
      if (a.suffixes.includes(word) && !this.hasWhole(word)) {
        lightWords++;
        continue;
      }
      // A spoken verb of one syllable right after a question word is how the question is asked (왜 써, 언제 봐).
      if (askedAfter.has(word) && word.length === 1 && isPredicate(word)) {
        lightWords++;
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
    const joined = this.addJoined(query, clauses, clauseOf, hangulClauseOf, conceptClauseOf);
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
    // A question of one English word found only by a loose spelling by sound (volcano: 발견) is no question of the notes:
    // such a spelling helps other words, and answers none alone.
    const content = clauses.filter((c) => c.weight > 0);
    if (content.length === 1) content[0]!.alternatives = content[0]!.alternatives.filter((alt) => !alt.loose);
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
  private addJoined(
    query: string,
    clauses: Clause[],
    latinClauseOf: Map<string, number>,
    hangulClauseOf: Map<string, number>,
    conceptClauseOf: Map<string, number>,
  ): Set<string> {
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
        if (isPredicate(left) || isPredicate(right)) continue;
        const names = new Set<string>();
        if (hangulClauseOf.has(left) && hangulClauseOf.has(right)) {
          for (const joined of new Set([left + right, left + stem(right)])) {
            for (const latin of this.words.latinSoundingLike(joined)) if (this.has(latin)) names.add(latin);
          }
        }
        // ... or the name of a concept of theirs the two spell together (스킵 커넥션, 레이스 컨디션).
        const [leftClause, rightClause] = [left, right].map((w) => hangulClauseOf.get(w) ?? conceptClauseOf.get(w));
        if (leftClause !== undefined && rightClause !== undefined) {
          for (const term of this.conceptsSpeltByTwo(left, right)) {
            for (const c of [leftClause, rightClause]) addAlternative(clauses[c], { terms: [[term, 1]], factor: LOANWORD_FACTOR });
            joinedPairs.add(`${left} ${right}`);
          }
        }
        for (const latin of names) join([left, right], hangulClauseOf, { terms: [[latin, 1]], factor: LOANWORD_FACTOR });
        if (names.size) joinedPairs.add(`${left} ${right}`);
      }
    }
    return joinedPairs;
  }

  /**
   * The concepts of the notes two Hangul words name together, spelling by sound either an English word each of a
   * name the notes have (스킵 커넥션: skip connection, which they may write as 잔차 연결), or together an English
   * form of the concept (레이스 컨디션: race condition, where they write 경쟁 상태).
   */
  private conceptsSpeltByTwo(left: string, right: string): Set<Term> {
    const out = new Set<Term>();
    const rights = [right, stem(right)];
    for (const joined of new Set(rights.map((r) => left + r))) {
      for (const { term, distance } of this.words.conceptsSoundingLike(joined)) if (distance <= KNOWN_BY_SOUND_DISTANCE && this.has(term)) out.add(term);
    }
    for (const l of this.words.latinSoundingLike(left)) {
      for (const r of new Set(rights.flatMap((w) => this.words.latinSoundingLike(w)))) {
        const term = this.concepts.termOf(`${l} ${r}`);
        if (term !== undefined && this.has(term)) out.add(term);
      }
    }
    return out;
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

  /** A Korean word for an English one, where the notes have it: as the concept it is a form of (분할 for partition),
   * which it is indexed as, or as a word. */
  private translationInNotes(korean: string): Alternative | undefined {
    const term = this.concepts.termOf(korean);
    return term !== undefined && this.has(term) ? { terms: [[term, 1]], factor: TRANSLATION_FACTOR } : this.wordInNotes(korean, TRANSLATION_FACTOR);
  }

  /** `ordinary`: the word may be an ordinary word of the question, not a part of a technical name; `spoken`: it is
   * said as a word, and so may be spelt in Hangul by its sound; `corrected`: it is a typo's correction. */
  private latinClause(word: string, folded: string, ordinary = true, spoken = true, corrected = false): Clause {
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
    let fix: string | null = null;
    if (!known && word.length >= 4 && (!/\d/.test(word) || word.replace(/\d+/g, "").length >= 5)) {
      fix = this.words.correct(word);
      if (fix) {
        const terms = [...this.analyze(fix).counts.keys()];
        alternatives.push({ terms: terms.map((t) => [t, 1 / terms.length]), factor: 1 });
        known = terms.some((t) => this.has(t));
      }
    }
    // An English word in another form than the notes write it in Latin letters (pulled, where they write pull): the
    // words of its stem. A past tense is never a loanword: for it they are surer than any Hangul spelling by sound.
    const root = !this.has(folded) && word.length >= 5 ? englishRoot(folded) : folded;
    const stemWords = root !== folded && root.length >= 3 ? this.words.latinWordsOfStem(root) : [];
    const pastTense = folded.endsWith("ed") && stemWords.length > 0;
    // The same word spelled in Hangul in the notes (proxy → 프록시).
    let spelt = pastTense;
    const lower = word.toLowerCase();
    // A plural is spelt in Hangul as its singular (petersons → 피터슨): that is tried where the word as typed finds
    // nothing.
    // Of the two, the one spelt more like a word of the notes goes first (markers: 마커 for marker, not 막지).
    const closest = (w: string) => Math.min(...this.words.hangulSoundingLike(w).map((h) => spellingDistance(h, w)));
    const forms = !spoken ? [] : lower === folded ? [lower] : closest(folded) < closest(lower) ? [folded, lower] : [lower, folded];
    // Notes spell an English verb's -ing in Hangul (디바운싱, 폴링) where a question types the verb (debounce, poll):
    // that is tried last, and finds only a word that ends as -ing is spelt.
    const ing = spoken && lower.length >= 4 && !lower.endsWith("ing") ? lower + "ing" : undefined;
    for (const w of spelt ? [] : ing ? [...forms, ing] : forms) {
      for (const h of this.words.hangulSoundingLike(w)) {
        if (w === ing && !isIngSyllable(h.slice(-1))) continue;
        // A word of a concept of the vocabulary is a known name: only a close spelling is taken for it.
        if (!ordinary && spellingDistance(h, w) > NAME_BY_SOUND_DISTANCE) continue;
        // One syllable is a weak sign (줌 is zoom, and as often 주다's 줌): it helps the other words of a question, and
        // answers none alone.
        alternatives.push({ ...bigramAlternative(h, h.length === 1 ? ONE_SYLLABLE_SOUND_FACTOR : LOANWORD_FACTOR), loose: spellingDistance(h, w) > LOOSE_SPELLING_DISTANCE });
        spelt = true;
        known ||= spellingDistance(h, w) <= KNOWN_BY_SOUND_DISTANCE;
      }
      if (spelt) break;
    }
    if (pastTense || !spelt) {
      for (const w of stemWords) {
        alternatives.push({ terms: [[w, 1]], factor: 1 });
        known = true;
      }
    }
    // ... or, where neither, the Hangul spellings of its stem (sampling, where they write 샘플): the stem of an
    // inflection or of an adjective in -able, whose root englishRoot finds (clickable: 클릭), not of another derived
    // word (kinetic's kinet, whose consonants 카운트 fits).
    if (!spelt && root !== folded && root.length >= 3) {
      const inflected = root !== stemmer(folded) || baseForms(lower).some((base) => base.startsWith(root) || root.startsWith(base));
      for (const h of spoken && inflected ? this.words.hangulSoundingLike(root) : []) {
        alternatives.push(bigramAlternative(h, LOANWORD_FACTOR));
        known = true;
      }
    }
    // A word the notes have in none of these ways may be a concept's word in another form (dimensional → 차원).
    if (!known) {
      for (const term of this.words.conceptsOfStem(folded)) {
        if (!this.has(term)) continue;
        alternatives.push({ terms: [[term, 1]], factor: TRANSLATION_FACTOR });
        known = true;
      }
    }
    // An ordinary word of the question (range, share, split) the notes do not write but say in Korean (범위, 공유,
    // 분할): it weighs as a word, not as a name, whether the notes have the Korean or not. One they write somewhere
    // (target, in target group) may still be said in Korean where the answer is (대상 추적): it keeps its weight.
    const inNotes = this.has(folded);
    const korean = ordinary ? (koreanFor(word.toLowerCase()) ?? koreanFor(folded)) : undefined;
    if (korean) {
      for (const k of korean) {
        // ... not, for a word the notes write, a word of what kind of answer is asked (variety → 종류)
        const term = this.concepts.termOf(k);
        if (inNotes && term !== undefined && META_CONCEPTS.has(term)) continue;
        const found = this.translationInNotes(k);
        if (found) alternatives.push(found);
      }
      if (!inNotes) return { weight: 1, alternatives };
    }
    // A word the notes have in none of these ways, known only inside the vocabulary's names (kinetic, of kinetic
    // energy = 운동 에너지), is found by the Korean in its place there. A guess: it keeps the weight of an unknown word.
    if (ordinary && !known && !korean) {
      for (const k of ALIGNED_KOREAN_FOR.get(folded) ?? []) {
        const found = this.translationInNotes(k);
        if (found) alternatives.push(found);
      }
    }
    // A typo of a word the notes say otherwise (treatmnet: treatment, which they write 치료), where the word as typed
    // finds nothing, is read as that word.
    if (!known && fix && !corrected && word.length >= SURE_TYPO_LENGTH && foldLatin(fix) !== folded && /^[a-z]+$/.test(fix)) return this.latinClause(fix, foldLatin(fix), ordinary, spoken, true);
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

  /** `verb`: the word is a verb whatever its shape says (보는 in 보는 법). */
  private hangulClause(word: string, verb = false): Clause {
    const alternatives: Alternative[] = [];
    const candidates = stems(word).filter((s) => !isStopHangul(s.stem));
    for (const s of candidates) alternatives.push(bigramAlternative(s.stem, 1));
    const readings = candidates.map((s) => letterSpellings(s.stem));
    // A word said letter by letter with a digit among them (아이투씨, 이씨투) is an acronym, no loanword: its
    // consonants spell no English word (attach).
    if (!readings.some((letters) => letters.some((r) => /\d/.test(r)))) alternatives.push(...this.latinSpellings(word, candidates));
    // An acronym said letter by letter (아이투씨 for I2C, 디엔에스 for DNS) is that acronym as surely as typed in
    // Latin letters, the concept it names included: a name of the question, where the notes write it.
    let acronym = false;
    for (const letterReadings of readings) {
      for (const letters of letterReadings) {
        const concept = this.concepts.termOf(letters);
        const term = concept !== undefined && this.has(concept) ? concept : this.has(letters) ? letters : undefined;
        if (term === undefined) continue;
        alternatives.push({ terms: [[term, 1]], factor: 1 });
        acronym = true;
      }
    }
    // A modifier's noun form, as notes write their fragments (빠른 → 빠름, 막는 → 막음).
    for (const form of nounForms(word)) {
      const found = this.wordInNotes(form, 1);
      if (found) alternatives.push(found);
    }
    for (const base of this.ingBasesInNotes(candidates)) alternatives.push(bigramAlternative(base, 1));
    // Two English words spelt in Hangul as one (타임웨이트 for TIME_WAIT, 로드밸런서 for load balancer): where the notes
    // write neither the word nor one English word for it, a split into two that each sound like a word of theirs.
    if (!isPredicate(word)) {
      for (const s of candidates) {
        if (s.kind === "ending" || s.stem.length < 4 || this.hasWhole(s.stem)) continue;
        const split = this.words.twoWordsBySound(s.stem);
        // ... unless one word of theirs reads more like it (타임아웃 is timeout, not time + out)
        const whole = this.words.latinSoundingLike(s.stem)[0];
        if (split && (whole === undefined || split.distance < spellingDistance(s.stem, whole))) {
          // ... as sure as typed where both halves spell their words closely (디피헬만)
          const factor = split.distance <= SURE_SPELLING_DISTANCE ? 1 : LOANWORD_FACTOR;
          alternatives.push({ terms: [[split.words[0], 0.5], [split.words[1], 0.5]], factor });
        }
      }
    }
    // A letter's name and a word spelt in Hangul as one (케이민즈 for k-means, 라이트지비엠 for LightGBM), where the
    // notes write the name they make, whole or as a concept.
    if (!isPredicate(word) && !this.findsWhole(alternatives)) {
      for (const s of candidates) {
        if (s.kind === "ending" || s.stem.length < 3 || this.hasWhole(s.stem)) continue;
        for (const { letters, rest, lettersFirst } of letterNameSplits(s.stem)) {
          for (const term of this.words.namesOfLettersAndWord(letters, rest, lettersFirst)) alternatives.push({ terms: [[term, 1]], factor: LOANWORD_FACTOR });
        }
      }
    }
    // The word spelt another way that sounds the same, where the notes have it so and not as typed (밸만 for 벨만,
    // 대쉬보드 for 대시보드).
    if (!this.findsWhole(alternatives)) {
      for (const s of candidates) {
        if (s.kind === "ending" || s.stem.length < 2) continue;
        for (const variant of alikeSpellings(s.stem)) {
          const found = this.wordInNotes(variant, ALIKE_SPELLING_FACTOR);
          if (found) alternatives.push(found);
        }
      }
    }
    // A Hangul spelling of an English name of a concept the notes write otherwise (아이겐벡터 for eigenvector, where
    // they write 고유벡터), where nothing else finds the word.
    if (!isPredicate(word) && !this.findsWhole(alternatives)) {
      for (const s of candidates) {
        if (s.kind === "ending" || s.stem.length < 3) continue;
        for (const { term, distance } of this.words.conceptsSoundingLike(s.stem)) {
          if (distance <= KNOWN_BY_SOUND_DISTANCE) alternatives.push({ terms: [[term, 1]], factor: LOANWORD_FACTOR });
        }
      }
    }
    const known = alternatives.some((alt) => alt.terms.some(([t]) => this.has(t)));
    // A spoken predicate (생겨, 빨라져요, 떨어지면) says how the question is asked more than what about: one the notes
    // do not use weighs nothing, so a query of it alone still finds nothing and a word it follows is not
    // outweighed; one they use counts for half a word.
    const weight = acronym ? NAME_WEIGHT : verb || isPredicate(word) ? (known ? 0.5 : 0) : known || word.length > 1 ? 1 : 0.6;
    return { weight, alternatives: alternatives.length ? alternatives : [bigramAlternative(word, 1)] };
  }
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

/** The words typed in capitals (WCAG, TCP): acronyms, said letter by letter, whose consonants spell no Hangul word
 * (크기 is no WCAG). */
function acronymsIn(query: string): Set<string> {
  return new Set((query.normalize("NFKC").match(/\b[A-Z]{2,}s?\b/g) ?? []).map((w) => w.toLowerCase()));
}

/** The Latin words of a Korean query that stand with no other Latin word beside them. */
function loneLatinWords(query: string): Set<string> {
  const runs = normalize(query).match(/[a-z0-9]+(?:[\s\-.]+[a-z0-9]+)*/g) ?? [];
  return new Set(runs.filter((run) => /^[a-z0-9]+$/.test(run) && /[\uac00-\ud7a3]/.test(query)));
}

/** The words right after a question word (왜 써, 언제 써, 어디서 봐): how the question is asked, where they are verbs. */
function wordsAfterQuestionWords(query: string): Set<string> {
  return new Set([...query.normalize("NFKC").matchAll(/(?:^|\s)(?:왜|언제|뭐|뭘|뭐로|뭘로|어디|어디서|어디에|어떻게|어케|누가)\s+([\uac00-\ud7a3]+)/g)].map((m) => m[1]!));
}

/**
 * The verbs of how or what a question wants done: the words before 법 or 방법 ending in -는 (보는 법, 외우는 방법),
 * and the words before 싶다 ending in -고 (쓰고 싶어, 줄이고 싶은데).
 */
function howToVerbs(query: string): Set<string> {
  const text = query.normalize("NFKC");
  const howTo = [...text.matchAll(/([\uac00-\ud7a3]+는)\s+(?:방)?법(?![\uac00-\ud7a3])/g)];
  const wanting = [...text.matchAll(/([\uac00-\ud7a3]+고)\s+싶/g)];
  return new Set([...howTo, ...wanting].map((m) => m[1]!));
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
  // 싶다 in any form (싶어, 싶을 때, 싶은데) says the question wants the verb before it; no noun starts with 싶.
  return STOP_HANGUL.has(word) || word.startsWith("싶") || DEGREE_HANGUL.has(word) || stems(word).some((s) => s.kind !== "none" && STOP_HANGUL.has(s.stem));
}

/** A Hangul word as the index has it: its bigrams, or the word itself when it is one syllable. */
function bigramAlternative(word: string, factor: number): Alternative {
  if (word.length === 1) return { terms: [["1:" + word, 1]], factor };
  const n = word.length - 1;
  const terms: Array<[Term, number]> = [];
  for (let k = 0; k + 1 < word.length; k++) terms.push([word.slice(k, k + 2), 1 / n]);
  return { terms, factor };
}

/** An English word's stem, and an adjective's in -able or -ible the verb it is made of (clickable → click), which
 * the stemmer keeps whole. */
function englishRoot(word: string): string {
  const root = stemmer(word);
  const adjective = /^([a-z]{4,})[ai]bl$/.exec(root);
  return adjective ? adjective[1]! : root;
}
