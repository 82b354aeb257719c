import { afterEach, describe, expect, it } from "vitest";
import { loadQuestionBank, questionHash, validateQuestionBank } from "../../src/core/questions/load.js";
import { QuestionBankError, type QuestionProblem } from "../../src/core/questions/types.js";
import { EXAMS, lineOf, question, sampleSections, tempBank, TOPICS, type TempBank } from "./fixtures.js";

let bank: TempBank | undefined;
afterEach(() => bank?.remove());

function check(files: Record<string, string>, topics: string | null = TOPICS, withSections = true): QuestionProblem[] {
  bank = tempBank(files, topics);
  return validateQuestionBank(bank.dir, { rootDir: bank.root, sections: withSections ? sampleSections() : undefined }).problems;
}

/** Exactly one problem, at `file:line`, whose message matches every pattern. */
function expectOne(problems: QuestionProblem[], file: string, line: number, ...patterns: RegExp[]) {
  expect(problems, JSON.stringify(problems, null, 1)).toHaveLength(1);
  expect(problems[0]!.file).toBe(file);
  expect(problems[0]!.line).toBe(line);
  for (const p of patterns) expect(problems[0]!.message).toMatch(p);
}

describe("a valid bank", () => {
  it("loads every question with its file, line, hash and resolved section", () => {
    const second = question({
      id: "ebs-provisioned-iops",
      topic: "ebs-efs",
      tags: "[SAA-C02]",
      difficulty: "2",
      prompt: "I/O 성능을 보장해야 하는 DB에 맞는 EBS 볼륨은?",
      choices: "[gp2, io2 Provisioned IOPS, st1]",
      answer: "1",
      explanation: "io1/io2는 Provisioned IOPS SSD다.",
      source: '{ note: saa-c02-study.md, heading: "#28 EBS Volume Type" }',
    });
    const text = question() + "\n" + second;
    bank = tempBank({ "lambda.yml": text });
    const sections = sampleSections();
    const loaded = loadQuestionBank(bank.dir, { rootDir: bank.root, sections });

    expect(loaded.questions.map((q) => q.id)).toEqual(["lambda-timeout-max", "ebs-provisioned-iops"]);
    const [a, b] = loaded.questions;
    expect(a).toMatchObject({
      topic: "lambda",
      tags: ["DVA"],
      difficulty: 1,
      choices: ["3초", "60seconds", "900seconds", "1시간"],
      answer: 2,
      source: { note: "dva-theory.txt", heading: "10.16. Limitation" },
      file: "questions/lambda.yml",
      line: 1,
      sectionId: sections[0]!.id,
    });
    expect(a!.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(b).toMatchObject({ difficulty: 2, answer: 1, line: lineOf(text, "ebs-provisioned-iops"), sectionId: sections[2]!.id });
    expect(loaded.byId.get("ebs-provisioned-iops")).toBe(b);
    expect(loaded.topics.get("ebs-efs")).toEqual({ key: "ebs-efs", ko: "EBS·EFS·인스턴스 스토어", en: "EBS, EFS & instance store", domains: [] });
    expect(loaded.topics.size).toBe(4);
  });

  it("keeps scalars as written: numbers and yes/no stay text, 1.10 and 1.1 are distinct choices", () => {
    bank = tempBank({ "a.yaml": question({ choices: "[1.10, 1.1, yes, null]", answer: "0" }) });
    const loaded = loadQuestionBank(bank.dir, { rootDir: bank.root });
    expect(loaded.questions[0]!.choices).toEqual(["1.10", "1.1", "yes", "null"]);
    expect(loaded.questions[0]!.sectionId).toBeNull();
  });

  it("reads files in name order and ignores hidden and non-YAML files", () => {
    bank = tempBank({
      "b.yaml": question({ id: "b-one", prompt: "B?" }),
      "a.yaml": question({ id: "a-one", prompt: "A?" }),
      ".draft.yaml": "not: [valid",
      "notes.md": "# not a question file",
    });
    const result = validateQuestionBank(bank.dir, { rootDir: bank.root });
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual(["questions/a.yaml", "questions/b.yaml"]);
    expect(result.questions.map((q) => q.id)).toEqual(["a-one", "b-one"]);
  });

  it("hashes what members see: prompt, choices, answer and explanation, not tags or topic", () => {
    const base = { prompt: "P", choices: ["a", "b"], answer: 1, explanation: "E" };
    expect(questionHash(base)).toBe(questionHash({ ...base }));
    expect(questionHash({ ...base, prompt: "P2" })).not.toBe(questionHash(base));
    expect(questionHash({ ...base, answer: 0 })).not.toBe(questionHash(base));
    expect(questionHash({ ...base, choices: ["a", "c"] })).not.toBe(questionHash(base));

    bank = tempBank({ "a.yaml": question({ tags: "[DVA]" }) });
    const h1 = loadQuestionBank(bank.dir, { rootDir: bank.root }).questions[0]!.hash;
    bank.write("a.yaml", question({ tags: "[DVA, SAA-C02]", topic: "sqs", difficulty: "3" }));
    expect(loadQuestionBank(bank.dir, { rootDir: bank.root }).questions[0]!.hash).toBe(h1);
  });
});

describe("file-level problems", () => {
  it("reports a YAML syntax error at the line the parser gives", () => {
    const text = question() + '- id: broken\n  choices: [a, b\n  answer: 1\n';
    const problems = check({ "a.yaml": text });
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0]!.file).toBe("questions/a.yaml");
    expect(problems[0]!.line).toBeGreaterThanOrEqual(lineOf(text, "choices: [a, b"));
    expect(problems[0]!.message).toMatch(/^YAML syntax: .*: check the indentation and quote values/);
  });

  it("points at `heading: #…` inside { … }, where the # starts a comment", () => {
    const text = question({ source: "{ note: saa-c02-study.md, heading: #28 EBS Volume Type }" });
    const problems = check({ "a.yaml": text });
    const hint = problems.find((p) => p.message.startsWith("heading: the value starts with"));
    expect(hint).toBeDefined();
    expect(hint!.line).toBe(lineOf(text, "source:"));
    expect(hint!.message).toContain('heading: "#28 EBS Volume Type"');
  });

  it("reports a duplicated field at the second one", () => {
    const text = question() + "  answer: 1\n";
    expectOne(check({ "a.yaml": text }), "questions/a.yaml", text.split("\n").length - 1, /Map keys must be unique/, /each field may appear once/);
  });

  it("reports a file that is not a list", () => {
    expectOne(check({ "a.yaml": "id: x\ntopic: lambda\n" }), "questions/a.yaml", 1, /must be a list of questions/, /found a mapping/);
  });

  it("reports an empty file", () => {
    expectOne(check({ "a.yaml": "# questions to come\n" }), "questions/a.yaml", 1, /has no questions/);
  });

  it("reports an item that is not a question", () => {
    const text = question() + "- just a sentence\n";
    expectOne(check({ "a.yaml": text }), "questions/a.yaml", lineOf(text, "just a sentence"), /item 2 must be a question/, /found "just a sentence"/);
  });

  it("reports a missing topics.yaml, and a folder without question files", () => {
    const problems = check({}, null);
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ["questions", 1],
      ["questions/topics.yaml", 1],
    ]);
    expect(problems[0]!.message).toMatch(/no question files/);
    expect(problems[1]!.message).toMatch(/topics.yaml is missing: create it/);
  });

  it("reports a missing question folder", () => {
    bank = tempBank({});
    const problems = validateQuestionBank(bank.dir + "-nope", { rootDir: bank.root }).problems;
    expectOne(problems, "questions-nope", 1, /cannot read the question folder/, /QUESTIONS_DIR or --dir/);
  });
});

describe("topics.yaml problems", () => {
  it("explains a flow value cut at a comma, and does not call the topic unknown in questions", () => {
    const topics = TOPICS + "audit: { ko: 감사, en: CloudTrail, Config & Trusted Advisor }\n";
    const problems = check({ "a.yaml": question({ topic: "audit" }) }, topics);
    expectOne(problems, "questions/topics.yaml", lineOf(topics, "audit:"), /audit: unknown field "Config & Trusted Advisor"/, /quote it: en: "CloudTrail, Config & Trusted Advisor"/);
  });

  it("reports a missing name and a key that is not kebab-case", () => {
    const topics = TOPICS + "kinesis: { ko: 키네시스 }\nStep_Functions: { ko: Step Functions, en: Step Functions }\n";
    const problems = check({ "a.yaml": question() }, topics);
    expect(problems.map((p) => p.line)).toEqual([lineOf(topics, "kinesis"), lineOf(topics, "Step_Functions")]);
    expect(problems[0]!.message).toMatch(/kinesis: missing field "en"/);
    expect(problems[1]!.message).toMatch(/not kebab-case.*"step-functions"/);
  });

  it("reports topics.yaml that is a list", () => {
    expectOne(check({ "a.yaml": question() }, "- lambda\n- sqs\n"), "questions/topics.yaml", 1, /must map topic keys to names/);
  });
});

describe("exams and exam domains in topics.yaml", () => {
  const MAPPED = `${EXAMS}lambda: { ko: Lambda, en: Lambda, domains: [SAA-C03/performance, DVA-C02/development] }
sqs: { ko: SQS, en: SQS }
`;

  it("loads the exams with their weighted domains, and each topic's domains (none when not given)", () => {
    bank = tempBank({ "a.yaml": question() }, MAPPED);
    const loaded = loadQuestionBank(bank.dir, { rootDir: bank.root, sections: sampleSections() });
    expect([...loaded.exams!.keys()]).toEqual(["SAA-C03", "DVA-C02"]);
    const saa = loaded.exams!.get("SAA-C03")!;
    expect(saa.name).toEqual({ ko: "AWS Certified Solutions Architect – Associate", en: "AWS Certified Solutions Architect – Associate" });
    expect([...saa.domains.values()].map((d) => [d.key, d.weight])).toEqual([["secure", 30], ["resilient", 26], ["performance", 24], ["cost", 20]]);
    expect(saa.domains.get("performance")).toEqual({ key: "performance", ko: "고성능 아키텍처 설계", en: "Design High-Performing Architectures", weight: 24 });
    expect(loaded.topics.get("lambda")!.domains).toEqual([{ exam: "SAA-C03", domain: "performance" }, { exam: "DVA-C02", domain: "development" }]);
    expect(loaded.topics.get("sqs")!.domains).toEqual([]);
    expect(loaded.topics.has("exams")).toBe(false);
  });

  it("gives an empty exam map when topics.yaml has no exams: block", () => {
    bank = tempBank({ "a.yaml": question() });
    expect(loadQuestionBank(bank.dir, { rootDir: bank.root, sections: sampleSections() }).exams).toEqual(new Map());
  });

  it("reports an unknown exam or domain at the topic's line, with the close one", () => {
    const topics = `${EXAMS}lambda: { ko: Lambda, en: Lambda, domains: [SAA-C02/performance] }\nsqs: { ko: SQS, en: SQS, domains: [DVA-C02/develop] }\n`;
    const problems = check({ "a.yaml": question() }, topics);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [lineOf(topics, "lambda:"), "lambda: domains[0] SAA-C02/performance: SAA-C02 is not an exam of the exams: block: did you mean SAA-C03? (exams: SAA-C03, DVA-C02)"],
      [lineOf(topics, "sqs:"), "sqs: domains[0] DVA-C02/develop: develop is not a domain of DVA-C02: did you mean DVA-C02/development? (domains: development, security, deployment, troubleshooting)"],
    ]);
  });

  it("reports a domain written without the exam, weights that do not add up to 100, and domains without an exams: block", () => {
    const badRef = check({ "a.yaml": question() }, `${EXAMS}lambda: { ko: Lambda, en: Lambda, domains: [performance] }\n`);
    expect(badRef.map((p) => p.message)).toEqual(['lambda: domains[0] "performance" is not EXAM/domain: write an exam code of the exams: block, a slash and one of its domain keys, e.g. SAA-C03/performance']);
    bank?.remove();

    const heavy = EXAMS.replace("weight: 30", "weight: 35");
    const weights = check({ "a.yaml": question() }, heavy + TOPICS);
    expectOne(weights, "questions/topics.yaml", lineOf(heavy, "domains:"), /exams: the domain weights add up to 105: they are shares of the exam in percent and must add up to 100/);
    bank?.remove();

    const orphan = "lambda: { ko: Lambda, en: Lambda, domains: [SAA-C03/performance] }\n";
    expectOne(check({ "a.yaml": question() }, orphan), "questions/topics.yaml", 1, /domains\[0\] SAA-C03\/performance names an exam, but topics.yaml has no exams: block/);
  });

  it("reports an unknown field of an exam domain at its line", () => {
    const typo = EXAMS.replace("cost: { ko: 비용 최적화 아키텍처 설계, en: Design Cost-Optimized Architectures, weight: 20 }", "cost: { ko: 비용 최적화 아키텍처 설계, en: Design Cost-Optimized Architectures, wieght: 20 }");
    const problems = check({ "a.yaml": question() }, typo + TOPICS);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [lineOf(typo, "wieght"), 'exams: missing field "weight": add the domain\'s share of the exam in percent, e.g. 30'],
      [lineOf(typo, "wieght"), 'exams: unknown field "SAA-C03.domains.cost.wieght": did you mean "weight"? (allowed: ko, en, weight)'],
    ]);
  });
});

describe("related and allow", () => {
  const withFields = (extra: string, fields: Parameters<typeof question>[0] = {}) => question({ id: "second", prompt: "두 번째 질문?", ...fields }).replace("  source:", `${extra}\n  source:`);

  it("load as given, and a question without them has neither", () => {
    const text = question() + withFields('  related: [{ id: lambda-timeout-max, reason: "한도가 아니라 넘을 때의 대처를 묻는다" }]\n  allow: { scenario: "연습용" }');
    bank = tempBank({ "a.yaml": text });
    const loaded = loadQuestionBank(bank.dir, { rootDir: bank.root, sections: sampleSections() });
    expect(loaded.byId.get("second")).toMatchObject({ related: [{ id: "lambda-timeout-max", reason: "한도가 아니라 넘을 때의 대처를 묻는다" }], allow: { scenario: "연습용" } });
    expect(loaded.byId.get("lambda-timeout-max")).not.toHaveProperty("related");
    expect(loaded.byId.get("lambda-timeout-max")).not.toHaveProperty("allow");
  });

  it("report a related id that is not in the bank, or the question itself, at the id's line", () => {
    const text = question() + withFields("  related: [{ id: lambda-timeout-maxx, reason: 다른 사실 }, { id: second, reason: 자기 자신 }]");
    const problems = check({ "a.yaml": text });
    expect(problems.map((p) => p.message)).toEqual([
      'related id "lambda-timeout-maxx" is not a question of the bank: did you mean "lambda-timeout-max"?',
      'related id "second" is this question itself: name the other question of the pair',
    ]);
    expect(problems.every((p) => p.line === lineOf(text, "related:"))).toBe(true);
  });

  it("report a related entry without a reason, and an allow key that is not a check", () => {
    const text = question() + withFields("  related: [{ id: lambda-timeout-max }]\n  allow: { scenarios: 연습용 }");
    const problems = check({ "a.yaml": text });
    expect(problems.map((p) => p.message)).toEqual([
      'missing field "reason": add why both questions are wanted, in a sentence',
      'unknown field "allow.scenarios": did you mean "scenario"? (allowed: choice-length, verbatim-answer, scenario, exam-tag)',
    ]);
  });
});

describe("question problems, each at its field's line", () => {
  const at = (overrides: Parameters<typeof question>[0], field: string, ...patterns: RegExp[]) => {
    const text = question() + "\n" + question({ id: "second", prompt: "두 번째 질문?", ...overrides });
    const problems = check({ "q.yaml": text });
    const secondItem = lineOf(text, "- id:", 1) - 1;
    expectOne(problems, "questions/q.yaml", lineOf(text, `${field}:`, secondItem), ...patterns);
  };

  it("missing field: at the item line, saying what to add", () => {
    const text = question() + "\n" + question({ id: "second", prompt: "두 번째?" }, ["explanation"]);
    expectOne(check({ "q.yaml": text }), "questions/q.yaml", lineOf(text, "- id: second"), /missing field "explanation": add why the answer is right/);
  });

  it("unknown field, with the closest known one", () => {
    const text = question({}, ["answer"]).replace("  explanation:", "  answr: 2\n  explanation:");
    const problems = check({ "q.yaml": text });
    expect(problems.map((p) => p.line)).toEqual([lineOf(text, "- id:"), lineOf(text, "answr")]);
    expect(problems[0]!.message).toMatch(/^missing field "answer": add the 0-based index of the correct choice/);
    expect(problems[1]!.message).toMatch(/^unknown field "answr": did you mean "answer"\?/);
  });

  it("unknown field inside source", () => {
    at({ source: '{ note: dva-theory.txt, heading: "10.16. Limitation", line: 555 }' }, "source", /unknown field "source.line"/, /allowed: note, heading/);
  });

  it("wrong type: choices as text, tags as text, source as text", () => {
    at({ choices: "3초 또는 15분" }, "choices", /choices must be a list of 2–6 answer texts.*, found "3초 또는 15분"/);
    bank?.remove();
    at({ tags: "DVA" }, "tags", /tags must be a list of exam codes/);
    bank?.remove();
    at({ source: "dva-theory.txt" }, "source", /source must be \{ note: <file>, heading: "<heading as written>" \}, found "dva-theory.txt"/);
  });

  it("a choice with \": \" inside [ … ] reads as a mapping: says to quote it", () => {
    at({ choices: "[Timeout: 15분, 5분]", answer: "1" }, "choices", /^choices\[0\] must be text, found a mapping .*: text containing ": " must be quoted, e\.g\. "Timeout: 15분"$/);
  });

  it("id not kebab-case, with a suggestion", () => {
    at({ id: "Lambda_Timeout" }, "id", /id "Lambda_Timeout" is not kebab-case/, /e\.g\. "lambda-timeout"/);
  });

  it("empty prompt", () => {
    at({ prompt: "''" }, "prompt", /prompt is empty: write the question/);
  });

  it("too long a prompt", () => {
    at({ prompt: "가".repeat(1001) }, "prompt", /1001 characters long: keep it within 1000/);
  });

  it("one choice, and seven", () => {
    at({ choices: "[15분]", answer: "0" }, "choices", /choices has 1 entry: give between 2 and 6/);
    bank?.remove();
    at({ choices: "[a, b, c, d, e, f, g]" }, "choices", /choices has 7 entries/);
  });

  it("repeated choices (ignoring case and spacing), at the repeat's own line", () => {
    const text = question({ choices: "\n    - 15 분\n    - 5분\n    - 15  분\n" }).replace("\n\n", "\n");
    const problems = check({ "q.yaml": text });
    expectOne(problems, "questions/q.yaml", lineOf(text, "- 15  분"), /choices\[2\] "15  분" repeats choices\[0\]/);
  });

  it("answer out of range, and a letter instead of an index", () => {
    at({ answer: "4" }, "answer", /answer 4 is out of range: there are 4 choices, so answer must be 0–3/);
    bank?.remove();
    at({ answer: "C" }, "answer", /0-based index/, /for choice C write 2/);
  });

  it("difficulty outside 1–3", () => {
    at({ difficulty: "4" }, "difficulty", /difficulty must be 1 \(recall\), 2 \(understanding\) or 3 \(scenario\), found "4"/);
    bank?.remove();
    at({ difficulty: "hard" }, "difficulty", /found "hard"/);
  });

  it("unknown topic, with close keys by spelling and by name", () => {
    at({ topic: "lamda" }, "topic", /topic "lamda" is not in questions\/topics.yaml: did you mean "lambda"/);
    bank?.remove();
    at({ topic: "ecs" }, "topic", /did you mean .*"containers" \(Containers \(ECS, EKS\)\)/);
  });

  it("tags that are not exam codes, and a repeated tag", () => {
    at({ tags: "[dva]" }, "tags", /tag "dva" is not an exam code: write DVA/);
    bank?.remove();
    at({ tags: "[DVA, SAA-C02, DVA]" }, "tags", /tag DVA is listed twice/);
  });

  it("a heading left empty by `heading: #…` in block style says to quote it", () => {
    const text = question({ source: "\n    note: saa-c02-study.md\n    heading: #28 EBS Volume Type" }).replace(": \n", ":\n");
    expectOne(check({ "q.yaml": text }), "questions/q.yaml", lineOf(text, "heading:"), /source.heading is empty/, /write heading: "#28 EBS Volume Type"/);
  });

  it("reports every problem of one question, not just the first", () => {
    const text = question({ id: "Bad Id", difficulty: "9", answer: "7", topic: "nope" });
    const problems = check({ "q.yaml": text });
    expect(problems.map((p) => p.line)).toEqual([lineOf(text, "id:"), lineOf(text, "topic:"), lineOf(text, "difficulty:"), lineOf(text, "answer:")]);
  });
});

describe("bank-wide problems", () => {
  it("a repeated id is reported at the second, with the first's location", () => {
    const a = question({ id: "same-id", prompt: "첫 질문?" });
    const b = question({ prompt: "다른 질문?" }) + "\n" + question({ id: "same-id", prompt: "셋째 질문?" });
    const problems = check({ "a.yaml": a, "b.yaml": b });
    expectOne(problems, "questions/b.yaml", lineOf(b, "same-id"), /id "same-id" is already used at questions\/a.yaml:1/, /must be unique/);
  });

  it("a repeated prompt (ignoring case and spacing) is reported at the second", () => {
    const a = question({ id: "first", prompt: "What is the max Lambda timeout?" });
    const b = question({ id: "second", prompt: "what is  the MAX lambda timeout?" });
    const problems = check({ "a.yaml": a, "b.yaml": b });
    expectOne(problems, "questions/b.yaml", lineOf(b, "prompt:"), /prompt repeats the question at questions\/a.yaml:1 \("first"\)/);
  });

  it("a duplicate id is found even when the question has other problems", () => {
    const text = question({ id: "dup" }) + question({ id: "dup", prompt: "다른?", difficulty: "5" });
    const problems = check({ "a.yaml": text });
    expect(problems.map((p) => p.message.slice(0, 20))).toEqual(['id "dup" is already ', "difficulty must be 1"]);
  });
});

describe("sources", () => {
  it("an unknown note, with the closest name", () => {
    const text = question({ source: '{ note: dva-theroy.txt, heading: "10.16. Limitation" }' });
    expectOne(check({ "a.yaml": text }), "questions/a.yaml", lineOf(text, "source:"), /source.note "dva-theroy.txt" is not a note in the notes folder: did you mean "dva-theory.txt"\?/);
  });

  it("a heading that does not resolve, with the closest headings of that note", () => {
    const text = question({ source: '{ note: saa-c02-study.md, heading: "#28 EBS Volume Types" }' });
    expectOne(
      check({ "a.yaml": text }),
      "questions/a.yaml",
      lineOf(text, "source:"),
      /source.heading "#28 EBS Volume Types" is not a heading of notes\/saa-c02-study.md/,
      /closest headings there: "#28 EBS Volume Type" \(line 40\)/,
    );
  });

  it("a heading in block style is reported at the heading line", () => {
    const text = question({ source: "\n    note: dva-theory.txt\n    heading: Limitations" }).replace(": \n", ":\n");
    expectOne(check({ "a.yaml": text }), "questions/a.yaml", lineOf(text, "heading:"), /closest headings there: "10.16. Limitation" \(line 555\)/);
  });

  it("resolves ignoring Markdown's #s, extra spaces and (second) case; matches the raw line with ** too", () => {
    const cases = [
      '{ note: dva-theory.txt, heading: "## 10.16.   Limitation" }',
      '{ note: dva-theory.txt, heading: "10.16. limitation" }',
      '{ note: notes/dva-theory.txt, heading: "10.16. Limitation" }',
      '{ note: saa-c02-study.md, heading: "#17 machines connect to www using **NAT** + **internet gateway(proxy)**" }',
    ];
    const text = cases.map((source, i) => question({ id: `q-${i}`, prompt: `Q${i}?`, source })).join("");
    bank = tempBank({ "a.yaml": text });
    const sections = sampleSections();
    const result = validateQuestionBank(bank.dir, { rootDir: bank.root, sections });
    expect(result.problems).toEqual([]);
    expect(result.questions.map((q) => q.sectionId)).toEqual([sections[0]!.id, sections[0]!.id, sections[0]!.id, sections[4]!.id]);
  });

  it("a heading shared by two sections resolves to the one that states the answer", () => {
    const text = question({ choices: "[10초, 29초, 60초]", answer: "1", source: '{ note: serverless.md, heading: "API Gateway" }' });
    bank = tempBank({ "a.yaml": text });
    const sections = sampleSections();
    const q = loadQuestionBank(bank.dir, { rootDir: bank.root, sections }).questions[0]!;
    expect(q.sectionId).toBe(sections[6]!.id);
  });
});

describe("QuestionBankError", () => {
  it("lists every problem as file:line: message, in file then line order", () => {
    const a = question({ difficulty: "7" });
    const b = question({ id: "b-1", prompt: "B?", topic: "nope" }) + question({ id: "b-2", prompt: "C?", answer: "9" });
    bank = tempBank({ "b.yaml": b, "a.yaml": a });
    let error: unknown;
    try {
      loadQuestionBank(bank.dir, { rootDir: bank.root, sections: sampleSections() });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(QuestionBankError);
    const e = error as QuestionBankError;
    expect(e.problems).toHaveLength(3);
    expect(e.message.split("\n")).toEqual([
      `questions/a.yaml:${lineOf(a, "difficulty")}: ${e.problems[0]!.message}`,
      `questions/b.yaml:${lineOf(b, "topic")}: ${e.problems[1]!.message}`,
      `questions/b.yaml:${lineOf(b, "answer: 9")}: ${e.problems[2]!.message}`,
    ]);
  });
});
