// A seeded study week for the digest's tests, its bench and the example chart in docs/: a Korean study group in
// Seoul, a daily schedule in one channel, a question a day from Monday 2025-03-03 to Sunday 03-09 (and two days of
// the week before, for rank movement), each answered by chosen members with chosen choices and revealed.
import type { FileAttachment, GroupRef, MessageRef, QuestionCard, RevealedCard } from "../../src/core/cards.js";
import type { CardExtrasPort } from "../../src/core/digest/port.js";
import type { Digest, Reminder } from "../../src/core/digest/types.js";
import type { Question, QuestionBank, Topic } from "../../src/core/questions/types.js";
import type { GroupRow, ScheduleRow, Store } from "../../src/core/store/index.js";
import { scorer } from "../../src/core/rounds/scoring.js";
import { periodKeys, zonedTime } from "../../src/core/clock.js";
import { RecordingPort } from "../engine/support.js";

export const TZ = "Asia/Seoul";
export const WEEK = "2025-03-03";
export const CHANNEL = "study";

export const TOPICS: Topic[] = [
  { key: "lambda", ko: "람다", en: "Lambda" },
  { key: "s3", ko: "S3 스토리지", en: "S3 storage" },
  { key: "dynamodb", ko: "다이나모DB", en: "DynamoDB" },
  { key: "vpc", ko: "네트워크", en: "Networking" },
  { key: "iam", ko: "권한 관리", en: "Access control" },
];

function question(id: string, topic: string, prompt: string, choices: string[], answer: number): Question {
  return { id, topic, tags: [], difficulty: 2, prompt, choices, answer, explanation: `${id} 해설`, source: { note: "notes/aws.md", heading: `${topic} 정리` }, file: "questions/digest.yaml", line: 1, hash: `h-${id}`, sectionId: null };
}

export const QUESTIONS: Question[] = [
  question("lambda-timeout", "lambda", "Lambda 함수의 최대 실행 시간은?", ["5분", "15분", "30분", "1시간"], 1),
  question("lambda-concurrency", "lambda", "예약된 동시성(reserved concurrency)이 하는 일은?", ["비용 할인", "동시 실행 수 보장과 제한", "콜드 스타트 제거"], 1),
  question("s3-class", "s3", "자주 읽지 않지만 즉시 꺼내야 하는 데이터에 맞는 스토리지 클래스는?", ["S3 Standard", "S3 Standard-IA", "S3 Glacier Deep Archive"], 1),
  question("s3-consistency", "s3", "S3의 새 객체 쓰기 직후 읽기는?", ["최종 일관성", "강한 일관성", "읽을 수 없음"], 1),
  question("ddb-gsi", "dynamodb", "다른 파티션 키로 조회하려면 무엇을 만들어야 할까?", ["LSI", "GSI", "DAX"], 1),
  question("vpc-nat", "vpc", "프라이빗 서브넷의 인스턴스가 인터넷으로 나가려면?", ["인터넷 게이트웨이", "NAT 게이트웨이", "VPC 피어링"], 1),
  question("iam-role", "iam", "EC2 인스턴스에 AWS 권한을 주는 가장 좋은 방법은?", ["액세스 키 저장", "IAM 역할", "루트 계정"], 1),
];

export function digestBank(): QuestionBank {
  return { questions: QUESTIONS, byId: new Map(QUESTIONS.map((q) => [q.id, q])), topics: new Map(TOPICS.map((t) => [t.key, t])) };
}

export const MEMBERS = ["지우", "미나", "서연", "민준", "하린"] as const;
type Member = (typeof MEMBERS)[number];

/** Who answered which day's question how: 1 is right in every seeded question, 0 and 2 are wrong. */
export interface SeedDay {
  /** days after Monday 2025-03-03 (negative: the week before) */
  day: number;
  question: string;
  answers: Partial<Record<Member, number>>;
}

export const SEEDED_WEEK: SeedDay[] = [
  // the week before: 서연 leads, 지우 second
  { day: -2, question: "s3-consistency", answers: { 서연: 1, 지우: 1, 미나: 0 } },
  { day: -1, question: "iam-role", answers: { 서연: 1, 미나: 1 } },
  // the week: 지우 answers right every day (a 5-day streak on Friday), 미나 misses the early questions
  { day: 0, question: "lambda-timeout", answers: { 지우: 1, 미나: 0, 서연: 1, 민준: 0, 하린: 2 } },
  { day: 1, question: "s3-class", answers: { 지우: 1, 미나: 1, 서연: 1, 민준: 1, 하린: 0 } },
  { day: 2, question: "ddb-gsi", answers: { 지우: 1, 미나: 0, 서연: 0, 민준: 2 } },
  { day: 3, question: "vpc-nat", answers: { 지우: 1, 미나: 1, 서연: 0, 민준: 1, 하린: 0 } },
  { day: 4, question: "iam-role", answers: { 지우: 1, 미나: 1, 하린: 1 } },
  { day: 5, question: "lambda-concurrency", answers: { 지우: 1, 미나: 0, 서연: 1, 민준: 0 } },
  { day: 6, question: "s3-consistency", answers: { 미나: 1, 하린: 0 } },
];

/** Accuracy by topic in the seeded week, weakest first (what the digest and its chart must show). */
export const SEEDED_ACCURACY: Array<[string, number]> = [
  ["dynamodb", 1 / 4],
  ["lambda", 4 / 9],
  ["vpc", 3 / 5],
  ["s3", 5 / 7],
  ["iam", 3 / 3],
];

/** Answers per day, Monday first. */
export const SEEDED_ANSWERS_BY_DAY = [5, 5, 4, 5, 3, 4, 2];

const dateOf = (day: number) => new Date(Date.UTC(2025, 2, 3 + day)).toISOString().slice(0, 10);

/**
 * Plays the seeded days through the store as the scheduler and members would: each day's card opened at 09:00 Seoul
 * time by the channel's schedule, posted, answered within minutes, revealed at 10:00 (scores counted).
 */
export async function seedWeek(store: Store, group: GroupRow, schedule: ScheduleRow, days: SeedDay[] = SEEDED_WEEK, bank: QuestionBank = digestBank()): Promise<void> {
  for (const d of days) {
    const q = bank.byId.get(d.question)!;
    const opened = zonedTime(dateOf(d.day), "09:00", TZ);
    const round = (await store.claimRound({
      groupId: group.id,
      scheduleId: schedule.id,
      channelId: schedule.channelId,
      questionId: q.id,
      questionHash: q.hash,
      topic: q.topic,
      correctIndex: q.answer,
      choiceCount: q.choices.length,
      localDate: dateOf(d.day),
      openedAt: opened,
      revealAt: new Date(opened.getTime() + 60 * 60_000),
      instantFeedback: false,
    }))!;
    await store.markPosted(round.id, { channelId: schedule.channelId, messageId: `seed-${d.day}` });
    let minute = 1;
    for (const [name, choice] of Object.entries(d.answers)) {
      const now = new Date(opened.getTime() + minute++ * 60_000);
      const keys = periodKeys(now, group.timezone);
      await store.recordAnswer(
        { roundId: round.id, groupId: group.id, member: { userId: `u-${name}`, displayName: name }, choice, now, fastSlots: group.scoring.fastBonusCount, weekKey: keys.week, monthKey: keys.month },
        scorer(group.scoring),
      );
    }
    await store.markRevealed(round.id, new Date(opened.getTime() + 60 * 60_000));
  }
}

/** Sunday 2025-03-09 at `time` in Seoul. */
export const sunday = (time: string) => zonedTime("2025-03-09", time, TZ);

/** The test platform's port with the digest, reminder and thread methods, recording what it was asked. */
export class ExtrasPort extends RecordingPort implements CardExtrasPort {
  digests: Array<{ group: GroupRef; channelId: string; digest: Digest; chart: FileAttachment }> = [];
  reminders: Array<{ ref: MessageRef; card: QuestionCard; reminder: Reminder }> = [];
  threads: Array<{ ref: MessageRef; card: QuestionCard }> = [];
  threadPosts: Array<{ threadId: string; card: RevealedCard }> = [];
  missing: string[] = [];
  failDigests = 0;
  /** runs while a reminder's edit is on its way (a test reveals the round here) */
  duringRemind: (() => Promise<void>) | null = null;
  async postDigest(group: GroupRef, channelId: string, digest: Digest, chart: FileAttachment): Promise<MessageRef> {
    if (this.failDigests > 0) {
      this.failDigests--;
      throw new Error("channel unavailable");
    }
    this.digests.push({ group, channelId, digest, chart });
    return { channelId, messageId: `digest-${this.digests.length}` };
  }
  async remindCard(_group: GroupRef, ref: MessageRef, card: QuestionCard, reminder: Reminder): Promise<void> {
    await this.duringRemind?.();
    this.reminders.push({ ref, card, reminder });
  }
  async startThread(_group: GroupRef, ref: MessageRef, card: QuestionCard): Promise<string> {
    this.threads.push({ ref, card });
    return `thread-${ref.messageId}`;
  }
  async postInThread(_group: GroupRef, _ref: MessageRef, threadId: string, card: RevealedCard): Promise<void> {
    this.threadPosts.push({ threadId, card });
  }
  async threadPermissionsMissing(): Promise<string[]> {
    return this.missing;
  }
}
