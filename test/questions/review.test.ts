// The review checks: near-duplicates (measured on the bank as it stood before v2, kept in test/fixtures/bank-v1),
// choices whose length stands out, a correct choice pasted from the note, and difficulty-3 questions that weigh
// fewer than two constraints; and the reasons that turn a warning into an exception.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateQuestionBank } from "../../src/core/questions/load.js";
import { constraintMentions, countFindings, reviewBank, similarPairs } from "../../src/core/questions/review.js";
import type { Question } from "../../src/core/questions/types.js";
import { BANK_V1_NEAR_DUPLICATES, ISSUE_EXAMPLES } from "./bank-v1-duplicates.js";
import { section } from "./fixtures.js";

const root = path.resolve(import.meta.dirname, "../..");

let line = 1;
function q(id: string, fields: Partial<Question> = {}): Question {
  return {
    id,
    topic: "lambda",
    tags: [],
    difficulty: 1,
    prompt: `${id}?`,
    choices: ["하나", "둘", "셋", "넷"],
    answer: 0,
    explanation: "e",
    source: { note: "dva-theory.txt", heading: "10.16. Limitation" },
    file: "questions/a.yaml",
    line: line++,
    hash: "0".repeat(16),
    sectionId: null,
    ...fields,
  };
}

/** Ten questions on other facts, so term weights look like a bank's and not like a pair's. */
function background(): Question[] {
  return [
    q("sqs-retention", { topic: "sqs", prompt: "SQS 메시지를 보관할 수 있는 최대 기간은?", choices: ["4일", "7일", "14일", "30일"], answer: 2 }),
    q("sqs-visibility", { topic: "sqs", prompt: "SQS에서 한 소비자가 받은 메시지를 잠시 다른 소비자에게 숨기는 설정은?", choices: ["Visibility Timeout", "Delay Queue", "Long Polling", "Redrive Policy"] }),
    q("s3-one-zone", { topic: "s3", prompt: "하나의 AZ에만 데이터를 저장하는 S3 스토리지 클래스는?", choices: ["S3 One Zone-IA", "S3 Standard", "S3 Glacier", "S3 Intelligent-Tiering"] }),
    q("ec2-spot", { topic: "ec2", prompt: "중단되어도 되는 배치 작업을 가장 저렴하게 돌리는 EC2 구매 옵션은?", choices: ["Spot Instance", "On-Demand", "Reserved Instance", "Dedicated Host"] }),
    q("kms-limit", { topic: "kms", prompt: "KMS API로 직접 암호화할 수 있는 데이터의 최대 크기는?", choices: ["1KB", "4KB", "64KB", "1MB"], answer: 1 }),
    q("rds-backup", { topic: "rds", prompt: "RDS 자동 백업의 보존 기간은 최대 며칠인가?", choices: ["7일", "14일", "35일", "90일"], answer: 2 }),
    q("cloudtrail-who", { topic: "audit", prompt: "누가 어떤 API를 호출했는지 기록하는 서비스는?", choices: ["CloudTrail", "CloudWatch", "Config", "X-Ray"] }),
    q("ddb-item", { topic: "dynamodb", prompt: "DynamoDB 항목 하나의 최대 크기는?", choices: ["64KB", "400KB", "1MB", "4MB"], answer: 1 }),
    q("sns-filter", { topic: "sns", prompt: "SNS 구독자가 원하는 메시지만 받게 하는 기능은?", choices: ["Message Filtering", "Fan-out", "FIFO Topic", "DLQ"] }),
    q("apigw-cache", { topic: "api-gateway", prompt: "API Gateway 응답 캐시의 기본 TTL은?", choices: ["60초", "300초", "3600초", "1일"], answer: 1 }),
  ];
}

describe("near-duplicates on the bank as it stood before v2", () => {
  const v1 = validateQuestionBank(path.join(root, "test/fixtures/bank-v1"), { rootDir: root });
  const found = reviewBank(v1.questions).warnings.filter((w) => w.check === "near-duplicate");
  const flagged = (ids: readonly string[]) => found.some((f) => ids.filter((id) => f.ids.includes(id)).length >= 2);

  it("loads the fixture: 222 questions, no problems", () => {
    expect(v1.problems).toEqual([]);
    expect(v1.questions).toHaveLength(222);
  });

  it("flags every example the audit named, a group of three as one group", () => {
    for (const ids of ISSUE_EXAMPLES) expect({ ids, flagged: found.some((f) => ids.every((id) => f.ids.includes(id))) }).toEqual({ ids, flagged: true });
  });

  it("flags at least 20 of the 25 groups a close reading finds, and every other group it flags is one of five known lookalikes", () => {
    const hits = BANK_V1_NEAR_DUPLICATES.filter((g) => flagged(g.ids));
    expect(hits.length).toBeGreaterThanOrEqual(20);
    const known = [...BANK_V1_NEAR_DUPLICATES.map((g) => g.ids), ...BANK_V1_LOOKALIKES];
    const unexplained = found.filter((f) => !known.some((ids) => ids.filter((id) => f.ids.includes(id)).length >= 2)).map((f) => f.ids);
    expect(unexplained).toEqual([]);
    expect(found.length).toBe(25);
  });

  it("reports a group of three once, at its first question, naming the others with file and line", () => {
    const cognito = found.find((f) => f.ids.includes("dev-cognito-identity-pool"))!;
    expect(cognito.ids).toEqual(["dev-cognito-identity-pool", "dva-cognito-identity-pool-s3", "saa-p2-cognito-identity-pools"]);
    expect(cognito.file).toBe("test/fixtures/bank-v1/developing-on-aws.yaml");
    expect(cognito.message).toMatch(/^near-duplicate: "dev-cognito-identity-pool" asks the same fact as "dva-cognito-identity-pool-s3" \(test\/fixtures\/bank-v1\/dva-theory\.yaml:\d+\) and "saa-p2-cognito-identity-pools" \(test\/fixtures\/bank-v1\/saa-c02-part2\.yaml:\d+\)/);
    expect(cognito.message).toMatch(/related: \[\{ id: dva-cognito-identity-pool-s3, reason: "…" \}\]/);
  });
});

/** Pairs the detector flags in bank-v1 that ask different facts (a reviewer dismisses them with `related`). */
const BANK_V1_LOOKALIKES: string[][] = [
  ["ovw-sqs-long-polling", "saa-p2-sqs-visibility-timeout"],
  ["ovw-beanstalk-app-version-storage", "ovw-beanstalk-environment-version"],
  ["ovw-cloudwatch-1min-retention", "ovw-cloudwatch-15-month-granularity"],
  ["saa-p1-nlb-static-ip-scenario", "saa-p1-cross-zone-nlb-charges"],
  ["saa-p2-elasticache-memcached", "saa-p2-elasticache-redis-auth"],
];

describe("near-duplicates", () => {
  it("match Korean and English spellings of one concept, and particles and spacing variants", () => {
    const bank = [
      ...background(),
      q("lambda-timeout-ko", { prompt: "람다 함수의 최대 실행 시간은 얼마인가?", choices: ["3초", "5분", "15분", "1시간"], answer: 2 }),
      q("lambda-timeout-en", { prompt: "Lambda 함수 최대 실행시간은?", choices: ["1분", "15분", "30분", "1시간"], answer: 1 }),
    ];
    const pairs = similarPairs(bank);
    expect(pairs.map((p) => [p.a.id, p.b.id, p.sameAnswer])).toEqual([["lambda-timeout-ko", "lambda-timeout-en", true]]);
  });

  it("leave alone two questions of one topic that ask different facts", () => {
    const bank = [
      ...background(),
      q("lambda-timeout", { prompt: "Lambda 함수의 최대 실행 시간은?", choices: ["3초", "5분", "15분", "1시간"], answer: 2 }),
      q("lambda-env-size", { prompt: "Lambda 환경 변수 전체에 허용되는 최대 크기는?", choices: ["4KB", "64KB", "256KB", "1MB"] }),
    ];
    expect(similarPairs(bank)).toEqual([]);
  });

  it("across topics, need the same answer: alike wording with different answers is two facts", () => {
    const bank = [
      ...background(),
      q("r53-weighted", { topic: "route53", prompt: "새 버전의 웹 서버에 트래픽의 10%만 보내 A/B 테스트하려면 무엇을 사용하는가?", choices: ["가중치 기반 라우팅", "지연 시간 기반 라우팅", "장애 조치 라우팅", "단순 라우팅"] }),
      q("lambda-weighted", { prompt: "새 버전의 Lambda 함수에 트래픽의 10%만 보내 A/B 테스트하려면 무엇을 사용하는가?", choices: ["가중치를 준 별칭", "환경 변수", "레이어", "예약 동시성"] }),
    ];
    expect(similarPairs(bank)).toEqual([]);
  });

  it("are an exception, with the reason, when either question lists the other under related", () => {
    const reason = "한쪽은 한도를, 다른 쪽은 한도를 넘을 때의 방법(envelope encryption)을 묻는다";
    const a = q("kms-direct-limit", { topic: "kms", prompt: "KMS로 직접 암호화할 수 있는 데이터의 최대 크기는?", choices: ["1KB", "4KB", "64KB", "1MB"], answer: 1 });
    const b = q("kms-direct-limit-again", { topic: "kms", prompt: "KMS API 한 번으로 직접 암호화할 수 있는 최대 데이터 크기는?", choices: ["4KB", "16KB", "256KB", "1MB"], related: [{ id: "kms-direct-limit", reason }] });
    const bank = [...background().filter((x) => x.id !== "kms-limit"), a, b];
    const review = reviewBank(bank);
    expect(review.warnings.filter((w) => w.check === "near-duplicate")).toEqual([]);
    expect(review.exceptions).toEqual([expect.objectContaining({ check: "near-duplicate", ids: ["kms-direct-limit", "kms-direct-limit-again"], reason })]);

    const unexcused = reviewBank([...background().filter((x) => x.id !== "kms-limit"), a, { ...b, related: undefined }]);
    expect(unexcused.warnings.map((w) => [w.check, w.ids])).toEqual([["near-duplicate", ["kms-direct-limit", "kms-direct-limit-again"]]]);
    expect(unexcused.warnings[0]!.message).toMatch(/similarity \d\.\d\d; same answer/);
  });
});

describe("choice length", () => {
  it("warns for a choice much longer than the others, and names the correct one", () => {
    const long = q("lambda-pricing", { choices: ["인스턴스 가동 시간", "함수 개수", "요청 수와 실행 시간(GB-초)에 따라 각각 부과되는 요금", "vCPU 수"], answer: 2 });
    const [w] = reviewBank([long]).warnings;
    expect(w).toMatchObject({ check: "choice-length", ids: ["lambda-pricing"], file: "questions/a.yaml", line: long.line });
    expect(w!.message).toMatch(/^choice-length: choices\[2\] \(the correct one\) is \d+ columns wide, the next longest \d+/);
  });

  it("warns for one much shorter choice, but not for two long and two short ones", () => {
    const short = q("short-one", { choices: ["SQS", "메시지를 여러 구독자에게 한 번에 밀어 보내는 서비스", "데이터 스트림을 샤드 단위로 실시간 처리하는 서비스", "워크플로를 상태 머신으로 조정하는 서비스"] });
    const split = q("split", { choices: ["SQS", "SNS", "메시지를 여러 구독자에게 밀어 보내는 서비스", "데이터 스트림을 샤드로 나눠 처리하는 서비스"] });
    expect(reviewBank([short, split]).warnings.filter((w) => w.check === "choice-length").map((w) => w.ids[0])).toEqual(["short-one"]);
  });

  it("is an exception with allow: { choice-length: reason }", () => {
    const reason = "정답이 길어도 오답 셋과 같은 형식의 요금 항목이다";
    const long = q("lambda-pricing", { choices: ["인스턴스 가동 시간", "함수 개수", "요청 수와 실행 시간(GB-초)에 따라 각각 부과되는 요금", "vCPU 수"], answer: 2, allow: { "choice-length": reason } });
    const review = reviewBank([long]);
    expect(review.warnings).toEqual([]);
    expect(review.exceptions).toEqual([expect.objectContaining({ check: "choice-length", reason })]);
  });
});

describe("verbatim answer", () => {
  const note = section("notes/dva-theory.txt", 10, "10.16. Limitation", "  • Memory : 128MB ~ 10GB\n  • 최대 실행 시간은 **15분(900초)** 이며 기본값은 3초");
  const other = section("notes/dva-theory.txt", 20, "10.17. Concurrency", "  • 계정당 동시 실행 기본 한도 1000");
  const cite = (fields: Partial<Question>) => q("lambda-timeout", { sectionId: note.id, ...fields });

  it("warns when only the correct choice is copied word for word from the note", () => {
    const pasted = cite({ choices: ["최대 실행 시간은 15분(900초)", "최대 실행 시간은 제한 없음", "최대 실행 시간은 1시간", "최대 실행 시간은 5분"] });
    const review = reviewBank([pasted], { sections: [note, other] });
    expect(review.warnings.map((w) => w.check)).toEqual(["verbatim-answer"]);
    expect(review.warnings[0]!.message).toMatch(/copied word for word from dva-theory\.txt/);
  });

  it("passes when a wrong choice also comes from the note, when the answer is paraphrased, or when it is short", () => {
    const bothFromNote = cite({ choices: ["최대 실행 시간은 15분(900초)", "계정당 동시 실행 기본 한도 1000", "최대 실행 시간은 1시간", "최대 실행 시간은 5분"] });
    const paraphrased = cite({ id: "paraphrased", choices: ["15분까지 실행할 수 있다", "제한 없이 실행된다", "1시간까지 실행된다", "5분까지 실행된다"] });
    const short = cite({ id: "short", choices: ["10GB", "3GB", "1GB", "512MB"] });
    expect(reviewBank([bothFromNote, paraphrased, short], { sections: [note, other] }).warnings.filter((w) => w.check === "verbatim-answer")).toEqual([]);
  });

  it("is skipped without the notes", () => {
    const pasted = cite({ choices: ["최대 실행 시간은 15분(900초)", "최대 실행 시간은 제한 없음", "최대 실행 시간은 1시간", "최대 실행 시간은 5분"] });
    expect(reviewBank([pasted]).warnings).toEqual([]);
  });
});

describe("difficulty-3 scenarios", () => {
  it("recognise the constraints a prompt states, in Korean and English, counting one phrase once", () => {
    const kinds = (p: string) => constraintMentions(p).map((m) => m.kinds);
    expect(kinds("각 실행은 몇 초 안에 끝나고 초당 수만 번 실행되며, 비용이 중요하다")).toEqual([["scale"], ["cost"]]);
    expect(kinds("중단되어도 다시 실행하면 되는 야간 배치를 가장 저렴하게 돌리려 한다")).toEqual([["resilience"], ["cost"]]);
    expect(kinds("We need low latency on a tight budget")).toEqual([["performance"], ["cost"]]);
    expect(constraintMentions("회사가 서버 관리 없이 스크립트를 돌리려 한다")).toEqual([{ text: "서버 관리 없이", kinds: ["operations", "requirement"] }]);
    expect(kinds("보고서는 몇 초 늦은 데이터여도 괜찮지만, 주문 쓰기에는 영향을 주면 안 된다. 어떻게 해야 하는가?")).toEqual([["requirement"], ["requirement"]]);
    expect(constraintMentions("배포 스크립트를 매번 고치고 싶지는 않다")).toEqual([{ text: "싶지는 않", kinds: ["requirement"] }]);
  });

  it("warn for a difficulty-3 question that weighs fewer than two, and only for difficulty 3", () => {
    const wrapped = q("cron", { difficulty: 3, prompt: "회사가 매시간 돌던 cron 스크립트를 서버 관리 없이 실행하려 한다. 어떤 패턴인가?" });
    const real = q("express", { difficulty: 3, prompt: "각 실행은 몇 초 안에 끝나고 초당 수만 번 실행되며, 비용이 중요하다. 어떤 워크플로 유형을 쓰는가?" });
    const recall = q("recall", { difficulty: 1, prompt: "Lambda의 최대 실행 시간은?" });
    const warnings = reviewBank([wrapped, real, recall]).warnings.filter((w) => w.check === "scenario");
    expect(warnings.map((w) => w.ids[0])).toEqual(["cron"]);
    expect(warnings[0]!.message).toMatch(/^scenario: difficulty 3, but the prompt states only one constraint \("서버 관리 없이"\)/);
  });
});

describe("exam tags", () => {
  it("warn for a tag that is not an exam of topics.yaml, and only when the exams are known", () => {
    const old = q("old", { tags: ["SAA-C02", "DVA-C02"] });
    const current = q("current", { tags: ["SAA-C03"] });
    const untagged = q("untagged", { tags: [] });
    const warnings = reviewBank([old, current, untagged], { exams: ["SAA-C03", "DVA-C02"] }).warnings.filter((w) => w.check === "exam-tag");
    expect(warnings.map((w) => w.ids[0])).toEqual(["old"]);
    expect(warnings[0]!.message).toBe('exam-tag: SAA-C02 is not an exam of topics.yaml (SAA-C03, DVA-C02): tag the current exam the question prepares for, or record why in allow: { exam-tag: "…" }');
    expect(reviewBank([old]).warnings.filter((w) => w.check === "exam-tag")).toEqual([]);
  });
});

describe("counts", () => {
  it("list every check with its warnings and exceptions", () => {
    const wrapped = q("cron", { difficulty: 3, prompt: "회사가 cron 스크립트를 옮기려 한다", allow: { scenario: "연습용" } });
    const long = q("long", { choices: ["a", "b", "c", "a much longer choice than any other one here"] });
    expect(countFindings(reviewBank([wrapped, long]))).toEqual([
      { check: "near-duplicate", warnings: 0, exceptions: 0 },
      { check: "choice-length", warnings: 1, exceptions: 0 },
      { check: "verbatim-answer", warnings: 0, exceptions: 0 },
      { check: "scenario", warnings: 0, exceptions: 1 },
      { check: "exam-tag", warnings: 0, exceptions: 0 },
    ]);
  });
});
