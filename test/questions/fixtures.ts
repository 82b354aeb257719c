// Small question banks and note sections built by hand, written to a temporary folder per test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Section } from "../../src/core/notes/types.js";

export const TOPICS = `lambda: { ko: Lambda, en: Lambda }
sqs: { ko: SQS, en: SQS }
ebs-efs: { ko: EBS·EFS·인스턴스 스토어, en: "EBS, EFS & instance store" }
containers: { ko: 컨테이너(ECS·EKS), en: "Containers (ECS, EKS)" }
`;

/** topics.yaml's `exams:` block as the bank ships it (SAA-C03 and DVA-C02 with their guide's weights). */
export const EXAMS = `exams:
  SAA-C03:
    name: { ko: AWS Certified Solutions Architect – Associate, en: AWS Certified Solutions Architect – Associate }
    domains:
      secure: { ko: 보안 아키텍처 설계, en: Design Secure Architectures, weight: 30 }
      resilient: { ko: 복원력 있는 아키텍처 설계, en: Design Resilient Architectures, weight: 26 }
      performance: { ko: 고성능 아키텍처 설계, en: Design High-Performing Architectures, weight: 24 }
      cost: { ko: 비용 최적화 아키텍처 설계, en: Design Cost-Optimized Architectures, weight: 20 }
  DVA-C02:
    name: { ko: AWS Certified Developer – Associate, en: AWS Certified Developer – Associate }
    domains:
      development: { ko: AWS 서비스를 이용한 개발, en: Development with AWS Services, weight: 32 }
      security: { ko: 보안, en: Security, weight: 26 }
      deployment: { ko: 배포, en: Deployment, weight: 24 }
      troubleshooting: { ko: 문제 해결 및 최적화, en: Troubleshooting and Optimization, weight: 18 }
`;

let nextId = 0;
export function section(file: string, line: number, heading: string, text: string, extra: Partial<Section> = {}): Section {
  return { id: nextId++, file, line, level: 2, heading, raw: heading, path: ["note", heading], text, ...extra };
}

/** Sections of two notes, as the notes parser would give them. */
export function sampleSections(): Section[] {
  return [
    section("notes/dva-theory.txt", 555, "10.16. Limitation", "  • Memory : 128MB ~ 10GB\n  • Exeuction Time : 900seconds\n  • Env : 4KB"),
    section("notes/dva-theory.txt", 600, "12.1. SQS Standard Queue", "  • 메시지 보존 기간 기본 4일, 최대 14일\n  • 메시지 크기 최대 256KB"),
    section("notes/saa-c02-study.md", 40, "#28 EBS Volume Type", "- gp2/gp3: 범용 SSD\n- io1/io2: **Provisioned IOPS** SSD"),
    section("notes/saa-c02-study.md", 80, "#29 EBS Snapshots", "- 스냅샷은 S3에 증분 저장"),
    section("notes/saa-c02-study.md", 120, "#17 machines connect to www using NAT + internet gateway(proxy)", "- private subnet → NAT → IGW", {
      raw: "#17 machines connect to www using **NAT** + **internet gateway(proxy)**",
    }),
    section("notes/serverless.md", 55, "API Gateway", "- REST API와 HTTP API"),
    section("notes/serverless.md", 86, "API Gateway", "- 통합 타임아웃 최대 29초"),
  ];
}

export interface QuestionFields {
  id?: string;
  topic?: string;
  tags?: string;
  difficulty?: string;
  prompt?: string;
  choices?: string;
  answer?: string;
  explanation?: string;
  source?: string;
}

/** One question in block style, one line per field (fields set to undefined in `omit` are left out). */
export function question(fields: QuestionFields = {}, omit: Array<keyof QuestionFields> = []): string {
  const q: Required<QuestionFields> = {
    id: "lambda-timeout-max",
    topic: "lambda",
    tags: "[DVA]",
    difficulty: "1",
    prompt: "Lambda 함수에 설정할 수 있는 최대 실행 시간(Timeout)은?",
    choices: "[3초, 60seconds, 900seconds, 1시간]",
    answer: "2",
    explanation: "최대 900초(15분)까지 늘릴 수 있다.",
    source: '{ note: dva-theory.txt, heading: "10.16. Limitation" }',
    ...fields,
  };
  const lines = (Object.keys(q) as Array<keyof QuestionFields>).filter((k) => !omit.includes(k)).map((k, i) => `${i === 0 ? "- " : "  "}${k}: ${q[k]}`);
  return lines.join("\n") + "\n";
}

export interface TempBank {
  root: string;
  dir: string;
  write(name: string, content: string): void;
  remove(): void;
}

/** `<tmp>/questions/` with topics.yaml (unless `topics` is null) and the given files. */
export function tempBank(files: Record<string, string>, topics: string | null = TOPICS): TempBank {
  const root = mkdtempSync(path.join(tmpdir(), "studybot-questions-"));
  const dir = path.join(root, "questions");
  mkdirSync(dir);
  const write = (name: string, content: string) => writeFileSync(path.join(dir, name), content);
  if (topics !== null) write("topics.yaml", topics);
  for (const [name, content] of Object.entries(files)) write(name, content);
  return { root, dir, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** 1-based line of the first line of `text` containing `needle` (after `from` lines). */
export function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split("\n");
  for (let i = from; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`fixture has no line containing ${JSON.stringify(needle)}`);
}
