// The digest's content, from the store: the group's weekly board (the same score rows as /leaderboard week) with each
// member's movement against last week, and from the channel's revealed rounds of the week the answers by day, the
// accuracy by topic and the most-missed questions, plus the streak milestones reached. A round still open is left
// out, so a digest never gives away an answer.
import { addDays, localDate, weekdayOf, zonedTime } from "../clock.js";
import type { Locale } from "../locale.js";
import type { RoundService } from "../rounds/service.js";
import { choiceLabel } from "../rounds/service.js";
import type { GroupRow, Store } from "../store/index.js";
import { BOARD_ROWS, MISSED_QUESTIONS, type Digest, type DigestMissed, type DigestTopic } from "./types.js";

export interface DigestSources {
  store: Store;
  rounds: RoundService;
}

/** The first and last instant of the week starting on Monday `week`, in the time zone. */
export function weekWindow(week: string, timezone: string): { from: Date; to: Date } {
  return { from: zonedTime(week, "00:00", timezone), to: zonedTime(addDays(week, 7), "00:00", timezone) };
}

export async function buildDigest(src: DigestSources, group: GroupRow, channelId: string, week: string, locale: Locale): Promise<Digest> {
  const tz = group.timezone;
  const { from, to } = weekWindow(week, tz);
  const { store, rounds } = src;

  const top = await store.topScores(group.id, `w:${week}`, null, BOARD_ROWS);
  const lastWeek = `w:${addDays(week, -7)}`;
  const board = [];
  for (const r of top) {
    const before = await store.memberScore(group.id, lastWeek, null, r.memberId);
    board.push({
      rank: r.rank,
      userId: r.userId,
      displayName: r.displayName,
      points: r.points,
      answered: r.answered,
      correct: r.correct,
      accuracy: r.answered ? r.correct / r.answered : 0,
      movement: before && before.answered > 0 ? before.rank - r.rank : null,
    });
  }

  const played = await store.weekRounds(group.id, channelId, from, to);
  const days = Array.from({ length: 7 }, (_, i) => {
    const date = addDays(week, i);
    return { date, weekday: weekdayOf(date), rounds: 0, answers: 0 };
  });
  const topics = new Map<string, DigestTopic>();
  const questions = new Map<string, { answered: number; correct: number; correctIndex: number; topic: string }>();
  let answers = 0;
  for (const r of played) {
    answers += r.answered;
    const day = days.find((d) => d.date === (r.localDate ?? localDate(r.openedAt, tz)));
    if (day) {
      day.rounds++;
      day.answers += r.answered;
    }
    const topic = topics.get(r.topic) ?? { key: r.topic, name: rounds.topicName(r.topic, locale), answered: 0, correct: 0, accuracy: 0 };
    topic.answered += r.answered;
    topic.correct += r.correct;
    topics.set(r.topic, topic);
    const q = questions.get(r.questionId) ?? { answered: 0, correct: 0, correctIndex: r.correctIndex, topic: r.topic };
    q.answered += r.answered;
    q.correct += r.correct;
    questions.set(r.questionId, q);
  }

  const asked = [...topics.values()]
    .filter((x) => x.answered > 0)
    .map((x) => ({ ...x, accuracy: x.correct / x.answered }))
    .sort((a, b) => a.accuracy - b.accuracy || b.answered - a.answered || a.key.localeCompare(b.key));

  // the group's bank, read once for the whole digest: its own questions resolve beside the shipped ones
  const bank = await rounds.bankFor(group.id);
  const missed: DigestMissed[] = [...questions.entries()]
    .filter(([, q]) => q.answered > 0 && q.correct < q.answered)
    .map(([id, q]) => ({ id, ...q, missRate: (q.answered - q.correct) / q.answered }))
    .sort((a, b) => b.missRate - a.missRate || b.answered - b.correct - (a.answered - a.correct) || a.id.localeCompare(b.id))
    .slice(0, MISSED_QUESTIONS)
    .map((q) => {
      const question = rounds.question({ questionId: q.id }, bank);
      return {
        questionId: q.id,
        prompt: question?.prompt ?? q.id,
        topic: { key: q.topic, name: rounds.topicName(q.topic, locale) },
        correct: { label: choiceLabel(q.correctIndex), text: question?.choices[q.correctIndex] ?? "" },
        answered: q.answered,
        missed: q.answered - q.correct,
        missRate: q.missRate,
        source: rounds.source(question),
      };
    });

  const every = group.scoring.streakEvery;
  const milestones = every > 0 ? (await store.streakMilestones(group.id, channelId, from, to, every, BOARD_ROWS)).map((m) => ({ userId: m.userId, displayName: m.displayName, streak: m.streak })) : [];

  return {
    channelId,
    week,
    firstDay: week,
    lastDay: addDays(week, 6),
    timezone: tz,
    locale,
    rounds: played.length,
    answers,
    board,
    winners: board.filter((r) => r.rank === 1 && r.points > 0).map((r) => ({ userId: r.userId, displayName: r.displayName, points: r.points })),
    days,
    topics: asked,
    missed,
    milestones,
  };
}
