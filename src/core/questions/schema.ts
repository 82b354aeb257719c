// The question file format, as zod schemas with messages an organiser can act on: which field, what was found,
// what is expected. The YAML is read with the failsafe schema (every scalar is text exactly as written, so
// `choices: [1.10, 1.1]` stays two distinct strings and `yes` never turns into a boolean); numeric fields are
// converted here.
import { z } from "zod";
import { ALLOWABLE_CHECKS, type AllowableCheck, type DomainRef, type QuestionContent } from "./types.js";

/** Lowercase letters and digits joined by single hyphens: `lambda-timeout-max`. */
export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Exam codes as written on the exam guides: `DVA`, `SAA-C02`, `SOA-C02`. */
export const EXAM_CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
/** A topic's exam domain in topics.yaml: `SAA-C03/performance` (exam code, slash, domain key). */
export const DOMAIN_REF = /^([A-Z0-9]+(?:-[A-Z0-9]+)*)\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/**
 * Sizes that keep a question card renderable on every platform (Discord embed description 4096 and field 1024
 * characters, Slack section text 3000) with room for the choices, the reveal and the source line.
 */
export const LIMITS = {
  id: 64,
  prompt: 1000,
  choice: 200,
  explanation: 1500,
  note: 200,
  heading: 200,
  minChoices: 2,
  maxChoices: 6,
  topicName: 60,
  examName: 120,
  reason: 300,
} as const;

export const QUESTION_FIELDS = ["id", "topic", "tags", "difficulty", "prompt", "choices", "answer", "explanation", "source", "related", "allow"] as const;
/** Fields a drafted question carries until an organiser publishes it (`studybot questions draft`). */
export const DRAFT_FIELDS = ["draft", "confidence", "rule"] as const;
export const SOURCE_FIELDS = ["note", "heading"] as const;
export const RELATED_FIELDS = ["id", "reason"] as const;
export const TOPIC_FIELDS = ["ko", "en", "domains"] as const;
export const EXAM_FIELDS = ["name", "domains"] as const;
export const NAME_FIELDS = ["ko", "en"] as const;
export const EXAM_DOMAIN_FIELDS = ["ko", "en", "weight"] as const;
/** The key of topics.yaml that holds the exams instead of a topic. */
export const EXAMS_KEY = "exams";

export const DIFFICULTY_NAMES: Record<1 | 2 | 3, string> = { 1: "recall", 2: "understanding", 3: "scenario" };

/** How a found value reads in a message. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null || value === "") return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping (key: value pairs)";
  const s = String(value);
  return JSON.stringify(s.length > 40 ? s.slice(0, 39) + "…" : s);
}

/** Same text for comparisons: NFKC, lowercase, runs of whitespace as one space. */
export function normalizeText(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

function expecting(field: string, what: string): { errorMap: z.ZodErrorMap } {
  return {
    errorMap: (issue, ctx) => {
      if (issue.code !== "invalid_type") return { message: ctx.defaultError };
      if (ctx.data === undefined) return { message: `missing field "${field}": add ${what}` };
      const name = field === "each choice" ? `choices[${String(issue.path[issue.path.length - 1] ?? "?")}]` : field;
      return { message: `${name} must be ${what}, found ${describeValue(ctx.data)}${quoteHint(issue.expected, ctx.data)}` };
    },
  };
}

/** Text like `Timeout: 15분` inside [ … ] or { … } reads as a mapping: show the quoted form. */
function quoteHint(expected: string, data: unknown): string {
  if (expected !== "string" || data === null || typeof data !== "object" || Array.isArray(data)) return "";
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length !== 1 || typeof entries[0]![1] !== "string") return "";
  const [k, v] = entries[0]!;
  return `: text containing ": " must be quoted, e.g. "${k}: ${v as string}"`;
}

function text(field: string, what: string, max: number, emptyHint: string) {
  return z
    .string(expecting(field, what))
    .transform((s) => s.trim())
    .superRefine((s, ctx) => {
      if (s === "") ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${field} is empty: ${emptyHint}` });
      else if (s.length > max) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${field} is ${s.length} characters long: keep it within ${max} so it fits a chat card` });
    });
}

function suggestKebab(s: string): string {
  const k = s
    .normalize("NFKD")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return k || "lambda-timeout-max";
}

const id = z
  .string(expecting("id", 'a unique kebab-case id such as "lambda-timeout-max"'))
  .transform((s) => s.trim())
  .superRefine((s, ctx) => {
    if (s === "") ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'id is empty: give the question a unique kebab-case id such as "lambda-timeout-max"' });
    else if (!KEBAB_CASE.test(s)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `id ${describeValue(s)} is not kebab-case: use lowercase letters, digits and single hyphens, e.g. "${suggestKebab(s)}"` });
    } else if (s.length > LIMITS.id) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `id is ${s.length} characters long: keep it within ${LIMITS.id}` });
  });

const topic = z
  .string(expecting("topic", "a topic key from questions/topics.yaml, e.g. lambda"))
  .transform((s) => s.trim())
  .superRefine((s, ctx) => {
    if (s === "") ctx.addIssue({ code: z.ZodIssueCode.custom, message: "topic is empty: use a key of questions/topics.yaml, e.g. lambda" });
  });

const tag = z
  .string(expecting("tags", "exam codes such as DVA or SAA-C02"))
  .transform((s) => s.trim())
  .superRefine((s, ctx) => {
    if (!EXAM_CODE.test(s)) {
      const upper = s.toUpperCase().replace(/[\s_]+/g, "-");
      const hint = EXAM_CODE.test(upper) ? `write ${upper}` : "use capitals, digits and hyphens such as DVA or SAA-C02";
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `tag ${describeValue(s)} is not an exam code: ${hint}` });
    }
  });

const tags = z.array(tag, expecting("tags", "a list of exam codes such as [DVA] (or [] when unknown)")).superRefine((list, ctx) => {
  const seen = new Map<string, number>();
  list.forEach((t, i) => {
    const first = seen.get(t);
    if (first !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: `tag ${t} is listed twice: remove tags[${i}]` });
    else seen.set(t, i);
  });
});

const difficulty = z.string(expecting("difficulty", "1 (recall), 2 (understanding) or 3 (scenario)")).transform((s, ctx) => {
  const t = s.trim();
  if (!/^[123]$/.test(t)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `difficulty must be 1 (recall), 2 (understanding) or 3 (scenario), found ${describeValue(t)}` });
    return z.NEVER;
  }
  return Number(t) as 1 | 2 | 3;
});

const choice = z
  .string(expecting("each choice", "text"))
  .transform((s) => s.trim())
  .superRefine((s, ctx) => {
    const where = `choices[${String(ctx.path[ctx.path.length - 1] ?? "?")}]`;
    if (s === "") ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${where} is empty: write the choice's text (quote it if it starts with # or contains ": ")` });
    else if (s.length > LIMITS.choice) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${where} is ${s.length} characters long: keep each choice within ${LIMITS.choice}` });
  });

const choices = z.array(choice, expecting("choices", "a list of 2–6 answer texts, e.g. [3초, 5분, 15분, 1시간]")).superRefine((list, ctx) => {
  if (list.length < LIMITS.minChoices || list.length > LIMITS.maxChoices) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `choices has ${list.length} ${list.length === 1 ? "entry" : "entries"}: give between ${LIMITS.minChoices} and ${LIMITS.maxChoices}` });
  }
  const seen = new Map<string, number>();
  list.forEach((c, i) => {
    const key = normalizeText(c);
    if (key === "") return;
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: `choices[${i}] ${describeValue(c)} repeats choices[${first}]: choices must be distinct (ignoring case and spacing)` });
    } else seen.set(key, i);
  });
});

const answer = z.string(expecting("answer", "the 0-based index of the correct choice (0 = first)")).transform((s, ctx) => {
  const t = s.trim();
  if (!/^\d{1,2}$/.test(t)) {
    const letter = /^[A-Fa-f]$/.test(t) ? ` (for choice ${t.toUpperCase()} write ${t.toUpperCase().charCodeAt(0) - 65})` : "";
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `answer must be the 0-based index of the correct choice (0 = first), found ${describeValue(t)}${letter}` });
    return z.NEVER;
  }
  return Number(t);
});

const sourceNote = text("source.note", 'the note file name, e.g. "dva-theory.txt"', LIMITS.note, 'name the note file the question comes from, e.g. "dva-theory.txt"');
const sourceHeading = text(
  "source.heading",
  'the heading line as written in the note, e.g. "10.16. Limitation"',
  LIMITS.heading,
  'copy the heading line from the note, e.g. "10.16. Limitation" (quote it when it starts with #)',
);

const source = z.object({ note: sourceNote, heading: sourceHeading }, expecting("source", '{ note: <file>, heading: "<heading as written>" }')).strict();

function reasonText(field: string, what: string) {
  return text(field, what, LIMITS.reason, `say ${what.replace(/, in a sentence$/, "")} in a sentence (reviewers read it)`);
}

const relatedEntry = z
  .object(
    {
      id: z
        .string(expecting("related id", "the id of the question this one deliberately resembles"))
        .transform((s) => s.trim())
        .superRefine((s, ctx) => {
          if (!KEBAB_CASE.test(s)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `related id ${describeValue(s)} is not a question id: copy the other question's id, e.g. "lambda-timeout-max"` });
        }),
      reason: reasonText("reason", "why both questions are wanted, in a sentence"),
    },
    expecting("each related entry", '{ id: <other question id>, reason: "<why both questions are wanted>" }'),
  )
  .strict();

const related = z.array(relatedEntry, expecting("related", 'a list such as [{ id: other-question-id, reason: "asks the limit; the other asks what to do beyond it" }]')).superRefine((list, ctx) => {
  const seen = new Map<string, number>();
  list.forEach((r, i) => {
    const first = seen.get(r.id);
    if (first !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, "id"], message: `related id "${r.id}" is listed twice: keep one entry (related[${first}])` });
    else seen.set(r.id, i);
  });
});

const allow = z
  .object(
    Object.fromEntries(ALLOWABLE_CHECKS.map((c) => [c, reasonText(`allow.${c}`, "why the check does not apply to this question, in a sentence").optional()])) as Record<
      AllowableCheck,
      z.ZodOptional<ReturnType<typeof reasonText>>
    >,
    expecting("allow", `a mapping of a check (${ALLOWABLE_CHECKS.join(", ")}) to the reason it does not apply, e.g. { choice-length: "…" }`),
  )
  .strict();

/** Each field's schema, so a question with several problems reports all of them and its valid fields can still be cross-checked. */
export const questionFields = {
  id,
  topic,
  tags,
  difficulty,
  prompt: text("prompt", "the question text", LIMITS.prompt, "write the question"),
  choices,
  answer,
  explanation: text("explanation", "why the answer is right", LIMITS.explanation, "say why the correct choice is right (members see it at reveal)"),
  source,
  related: related.optional(),
  allow: allow.optional(),
};

export type QuestionInput = QuestionContent;

const draftFields = {
  draft: z
    .string(expecting("draft", "true"))
    .optional()
    .superRefine((s, ctx) => {
      if (s !== undefined && s.trim() !== "true") ctx.addIssue({ code: z.ZodIssueCode.custom, message: `draft must be true (a drafted question), found ${describeValue(s)}: delete the line to publish the question` });
    }),
  confidence: z
    .string(expecting("confidence", "a number from 0 to 1"))
    .optional()
    .superRefine((s, ctx) => {
      if (s !== undefined && !(/^\s*(?:0|1|0?\.\d+|1\.0+)\s*$/.test(s) && Number(s) <= 1)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `confidence must be a number from 0 to 1, found ${describeValue(s)}` });
    }),
  rule: z.string(expecting("rule", "the name of the rule that drafted the question")).optional(),
};

/** A question object whose `source` is required (the shipped bank) or optional (a group's own questions). */
function questionObjectOf(sourceOptional: boolean) {
  return (
    z
      .object({ ...questionFields, source: sourceOptional ? source.optional() : source, ...draftFields }, expecting("each question", "a mapping of id, topic, tags, difficulty, prompt, choices, answer, explanation and source"))
      .strict()
      // The draft marker, confidence and rule are for the organiser reviewing a draft; a loaded question has none.
      .transform(({ related, allow, source: from, draft: _draft, confidence: _confidence, rule: _rule, ...q }): QuestionInput => ({
        ...q,
        ...(from ? { source: from } : {}),
        ...(related?.length ? { related } : {}),
        ...(allow && Object.keys(allow).length ? { allow: allow as QuestionInput["allow"] } : {}),
      }))
  );
}

const questionObject = questionObjectOf(false);
const groupQuestionObject = questionObjectOf(true);

/** The answer must index one of the choices. */
export function answerRangeMessage(answerIndex: number, choiceCount: number): string | null {
  if (answerIndex < choiceCount) return null;
  return `answer ${answerIndex} is out of range: there ${choiceCount === 1 ? "is 1 choice" : `are ${choiceCount} choices`}, so answer must be 0–${Math.max(0, choiceCount - 1)} (0-based)`;
}

/** One question, as in the YAML files (after the failsafe YAML schema turned every scalar into text). */
export const questionSchema: z.ZodType<QuestionInput, z.ZodTypeDef, unknown> = questionObject.superRefine((q, ctx) => {
  const message = answerRangeMessage(q.answer, q.choices.length);
  if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["answer"], message });
});

const domainRef = z.string(expecting("each domain", "EXAM/domain, e.g. SAA-C03/performance")).transform((s, ctx): DomainRef => {
  const t = s.trim();
  const m = DOMAIN_REF.exec(t);
  if (!m) {
    const where = `domains[${String(ctx.path[ctx.path.length - 1] ?? "?")}]`;
    const [exam = "", domain = ""] = t.split("/");
    const guess = exam && domain ? `${exam.toUpperCase().replace(/[\s_]+/g, "-")}/${suggestKebab(domain)}` : "SAA-C03/performance";
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${where} ${describeValue(t)} is not EXAM/domain: write an exam code of the exams: block, a slash and one of its domain keys, e.g. ${guess}` });
    return z.NEVER;
  }
  return { exam: m[1]!, domain: m[2]! };
});

const topicDomains = z.array(domainRef, expecting("domains", "a list of exam domains, e.g. [SAA-C03/performance, DVA-C02/development]")).superRefine((list, ctx) => {
  const seen = new Map<string, number>();
  list.forEach((d, i) => {
    const id = `${d.exam}/${d.domain}`;
    const first = seen.get(id);
    if (first !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: `domains[${i}] ${id} repeats domains[${first}]: list each domain once` });
    else seen.set(id, i);
  });
});

export const topicSchema = z
  .object(
    {
      ko: text("ko", "the Korean name shown to members", LIMITS.topicName, "give the Korean name shown to members"),
      en: text("en", "the English name shown to members", LIMITS.topicName, "give the English name shown to members"),
      domains: topicDomains.optional(),
    },
    expecting("each topic", "{ ko: <Korean name>, en: <English name>, domains: [EXAM/domain, …] }"),
  )
  .strict();

const localizedName = (what: string, max: number) =>
  z
    .object(
      {
        ko: text("ko", `the Korean name of the ${what}`, max, `give the Korean name of the ${what}`),
        en: text("en", `the English name of the ${what}`, max, `give the English name of the ${what}`),
      },
      expecting("name", `{ ko: <Korean name>, en: <English name> } of the ${what}`),
    )
    .strict();

const weight = z.string(expecting("weight", "the domain's share of the exam in percent, e.g. 30")).transform((s, ctx) => {
  const t = s.trim();
  if (!/^\d{1,3}$/.test(t) || Number(t) < 1 || Number(t) > 100) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `weight must be the domain's share of the exam in percent (1–100) as on the exam guide, found ${describeValue(t)}` });
    return z.NEVER;
  }
  return Number(t);
});

const examDomain = z
  .object({ ko: text("ko", "the Korean name of the domain", LIMITS.examName, "give the Korean name of the domain"), en: text("en", "the English name of the domain", LIMITS.examName, "give the English name of the domain"), weight }, expecting("each domain", "{ ko: <Korean name>, en: <English name>, weight: <percent> }"))
  .strict();

const examCode = z.string().superRefine((s, ctx) => {
  if (!EXAM_CODE.test(s)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `exam code ${describeValue(s)} is not an exam code: write it as on the exam guide, e.g. SAA-C03` });
});

const domainKey = z.string().superRefine((s, ctx) => {
  if (!KEBAB_CASE.test(s)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `domain key ${describeValue(s)} is not kebab-case: use lowercase letters, digits and single hyphens, e.g. "${suggestKebab(s)}"` });
});

const exam = z
  .object(
    {
      name: localizedName("exam", LIMITS.examName),
      domains: z.record(domainKey, examDomain, expecting("domains", "a mapping of domain keys to { ko, en, weight }, e.g. secure: { ko: 보안 아키텍처 설계, en: Design Secure Architectures, weight: 30 }")),
    },
    expecting("each exam", "{ name: { ko, en }, domains: { <key>: { ko, en, weight }, … } }"),
  )
  .strict()
  .superRefine((e, ctx) => {
    const keys = Object.keys(e.domains);
    if (keys.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["domains"], message: "the exam has no domains: list its domains with their weights as on the exam guide" });
      return;
    }
    const sum = Object.values(e.domains).reduce((n, d) => n + d.weight, 0);
    if (sum !== 100) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["domains"], message: `the domain weights add up to ${sum}: they are shares of the exam in percent and must add up to 100` });
  });

/** topics.yaml's `exams:` block: exam code → name and weighted domains. */
export const examsSchema = z.record(examCode, exam, expecting("exams", "a mapping of exam codes to { name, domains }, e.g. SAA-C03: { name: { ko: …, en: … }, domains: { … } }"));

export type ExamsInput = z.output<typeof examsSchema>;

export const topicKeySchema = z.string().superRefine((s, ctx) => {
  if (!KEBAB_CASE.test(s)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `topic key ${describeValue(s)} is not kebab-case: use lowercase letters, digits and single hyphens, e.g. "${suggestKebab(s)}"` });
});

/** One topic entry of questions/topics.yaml: `key: { ko, en, domains? }` (the `exams:` key is read by examsSchema). */
export const topicsSchema = z.record(topicKeySchema, topicSchema, expecting("topics.yaml", "a mapping of topic keys to { ko, en } names, e.g. lambda: { ko: Lambda, en: Lambda }"));

export interface FieldIssue {
  /** path inside the checked value, e.g. ["choices", 2] */
  path: Array<string | number>;
  message: string;
  /** the issue is a key the schema does not know */
  unknownKey?: boolean;
}

/** Zod issues as field issues; an unknown key becomes one issue at that key, with the closest known field. */
export function toFieldIssues(error: z.ZodError, knownFields: (path: Array<string | number>) => readonly string[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      const known = knownFields(issue.path);
      for (const key of issue.keys) {
        const close = closest(key, known, 1)[0];
        const where = issue.path.length ? `${issue.path.join(".")}.` : "";
        out.push({
          path: [...issue.path, key],
          message: `unknown field "${where}${key}"${close ? `: did you mean "${close}"?` : ""} (allowed: ${known.join(", ")})`,
          unknownKey: true,
        });
      }
    } else out.push({ path: issue.path, message: issue.message });
  }
  return out;
}

export interface QuestionCheck {
  /** the question when every check passed */
  value?: QuestionInput;
  /** the fields that are valid on their own, for the bank-wide checks (unique ids, known topics, sources) */
  partial: Partial<QuestionInput>;
  issues: FieldIssue[];
}

function questionKnownFields(path: Array<string | number>): readonly string[] {
  if (path[0] === "source") return SOURCE_FIELDS;
  if (path[0] === "related") return RELATED_FIELDS;
  if (path[0] === "allow") return ALLOWABLE_CHECKS;
  return [...QUESTION_FIELDS, ...DRAFT_FIELDS];
}

/** Which fields are known at a path inside an `exams:` block (for unknown-field messages). */
export function examKnownFields(path: Array<string | number>): readonly string[] {
  if (path.length <= 1) return EXAM_FIELDS;
  if (path[1] === "name") return NAME_FIELDS;
  return EXAM_DOMAIN_FIELDS;
}

/** Checks one raw item against the schema and reports every problem, not just the first. */
export function checkQuestion(raw: unknown, opts: { drafts?: boolean; sourceOptional?: boolean } = {}): QuestionCheck {
  const parsed = (opts.sourceOptional ? groupQuestionObject : questionObject).safeParse(raw);
  const issues = parsed.success ? [] : toFieldIssues(parsed.error, questionKnownFields);
  // A draft is not published until an organiser has reviewed it and removed its draft marker.
  if (!opts.drafts && raw !== null && typeof raw === "object" && String((raw as Record<string, unknown>).draft ?? "").trim() === "true") {
    issues.push({ path: ["draft"], message: DRAFT_REFUSED });
  }
  // Valid as a whole: every field is valid on its own too. Otherwise check field by field to keep the valid ones.
  const partial: Partial<QuestionInput> = parsed.success ? { ...parsed.data } : {};
  if (!parsed.success && raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const obj = raw as Record<string, unknown>;
    for (const field of QUESTION_FIELDS) {
      if (field === "source" && opts.sourceOptional && obj[field] === undefined) continue;
      const r = questionFields[field].safeParse(obj[field]);
      if (r.success) (partial as Record<string, unknown>)[field] = r.data;
    }
  }
  if (partial.answer !== undefined && partial.choices !== undefined) {
    const message = answerRangeMessage(partial.answer, partial.choices.length);
    if (message) issues.push({ path: ["answer"], message });
  }
  return { value: parsed.success && issues.length === 0 ? parsed.data : undefined, partial, issues };
}

/** Why a draft is refused where published questions are expected. */
export const DRAFT_REFUSED =
  "this question is a draft (draft: true): review it, then delete its draft, confidence and rule lines to publish it; `studybot questions validate --drafts` checks drafts without publishing them";


/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/** 0..1: how alike two labels are (edit distance, containment, shared words), ignoring case and spacing. */
export function similarity(a: string, b: string): number {
  const x = normalizeText(a);
  const y = normalizeText(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const edit = 1 - editDistance(x, y) / Math.max([...x].length, [...y].length);
  const shorter = x.length <= y.length ? x : y;
  const longer = shorter === x ? y : x;
  const contain = [...shorter].length >= 3 && longer.includes(shorter) ? 0.6 + 0.3 * ([...shorter].length / [...longer].length) : 0;
  const words = (s: string) => new Set(s.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const wx = words(x);
  const wy = words(y);
  let shared = 0;
  for (const w of wx) if (wy.has(w)) shared++;
  const dice = wx.size + wy.size ? (2 * shared) / (wx.size + wy.size) : 0;
  return Math.max(edit, contain, dice * 0.9);
}

/** The candidates most like `target` (best first), those scoring at least `min`. */
export function closest(target: string, candidates: readonly string[], limit = 3, min = 0.5): string[] {
  return candidates
    .map((c, i) => ({ c, i, s: similarity(target, c) }))
    .filter((x) => x.s >= min)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.c);
}
