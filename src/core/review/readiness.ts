// Exam readiness from FSRS cards. For each exam domain of questions/topics.yaml, readiness is the mean predicted
// recall (retrievability) over the domain's questions, a question never answered counting 0; an exam's readiness
// weighs its domains by their weights. Coverage is the share of a domain's questions answered at least once.
// A topic without domains is not part of any exam. (The README states the same formula.)
import type { Locale } from "../locale.js";
import type { Question, QuestionBank } from "../questions/types.js";
import type { CardState } from "../store/review.js";
import { recall } from "./fsrs.js";
import type { DomainReadiness, ExamReadiness } from "./types.js";

/** The bank's questions per exam domain ("SAA-C03/secure" → its questions), in the exams' file order. */
export function domainQuestions(bank: QuestionBank): Map<string, Question[]> {
  const out = new Map<string, Question[]>();
  for (const exam of bank.exams?.values() ?? []) for (const d of exam.domains.keys()) out.set(`${exam.code}/${d}`, []);
  for (const q of bank.questions) {
    for (const ref of bank.topics.get(q.topic)?.domains ?? []) out.get(`${ref.exam}/${ref.domain}`)?.push(q);
  }
  return out;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** One member's readiness per exam, from their cards (question id → card). */
export function readiness(bank: QuestionBank, cards: ReadonlyMap<string, CardState>, now: Date, locale: Locale, byDomain = domainQuestions(bank)): ExamReadiness[] {
  const r = new Map<string, number>();
  const recallOf = (id: string) => {
    let v = r.get(id);
    if (v === undefined) r.set(id, (v = recall(cards.get(id) ?? null, now)));
    return v;
  };
  const exams: ExamReadiness[] = [];
  for (const exam of bank.exams?.values() ?? []) {
    const domains: DomainReadiness[] = [];
    for (const d of exam.domains.values()) {
      const qs = byDomain.get(`${exam.code}/${d.key}`) ?? [];
      if (qs.length === 0) continue;
      const topics = new Map<string, number[]>();
      for (const q of qs) topics.set(q.topic, [...(topics.get(q.topic) ?? []), recallOf(q.id)]);
      const weakest = [...topics].sort((a, b) => mean(a[1]) - mean(b[1]) || b[1].length - a[1].length || a[0].localeCompare(b[0]))[0];
      const topic = weakest ? bank.topics.get(weakest[0]) : undefined;
      domains.push({
        key: d.key,
        name: d[locale],
        weight: d.weight,
        questions: qs.length,
        readiness: mean(qs.map((q) => recallOf(q.id))),
        coverage: qs.filter((q) => cards.has(q.id)).length / qs.length,
        next: weakest ? { key: weakest[0], name: topic ? topic[locale] : weakest[0] } : null,
      });
    }
    if (domains.length === 0) continue;
    const total = domains.reduce((s, d) => s + d.weight, 0) || 1;
    exams.push({
      code: exam.code,
      name: exam.name[locale],
      readiness: domains.reduce((s, d) => s + d.weight * d.readiness, 0) / total,
      coverage: domains.reduce((s, d) => s + d.weight * d.coverage, 0) / total,
      domains,
    });
  }
  return exams;
}

/** The group's readiness per exam: the mean of its members' (those with at least one card). */
export function groupReadiness(bank: QuestionBank, byMember: ReadonlyMap<number, ReadonlyMap<string, CardState>>, now: Date, locale: Locale): { members: number; exams: Array<{ code: string; readiness: number; coverage: number }> } {
  const byDomain = domainQuestions(bank);
  const each = [...byMember.values()].filter((c) => c.size > 0).map((cards) => readiness(bank, cards, now, locale, byDomain));
  const codes = [...(bank.exams?.keys() ?? [])];
  const exams = codes.flatMap((code) => {
    const rows = each.map((e) => e.find((x) => x.code === code)).filter((x): x is ExamReadiness => x !== undefined);
    return rows.length ? [{ code, readiness: mean(rows.map((x) => x.readiness)), coverage: mean(rows.map((x) => x.coverage)) }] : [];
  });
  return { members: each.length, exams };
}
