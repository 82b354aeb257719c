// The delivery policy in the core, on a real database with the clock moved by the test: a transient failure is
// tried again with doubling waits and given up after ten tries (the round then closes without a card); a failure
// for good pauses the channel's schedules at once, is told once, and a resume by an organiser ends the pause;
// an unclassified error counts as transient.
import { afterEach, describe, expect, it } from "vitest";
import type { GroupRef, MessageRef, QuestionCard } from "../../src/core/cards.js";
import { DeliveryError, MAX_DELIVERY_ATTEMPTS } from "../../src/core/delivery.js";
import { actor, harness, RecordingPort, type Harness } from "./support.js";

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

const CH = "daily";
const org = actor("org");

/** A port whose posts fail with the errors given, in turn, then work. */
class FailingPort extends RecordingPort {
  constructor(private readonly errors: unknown[]) {
    super();
  }
  override async postCard(group: GroupRef, channelId: string, card: QuestionCard): Promise<MessageRef> {
    const err = this.errors.shift();
    if (err) throw err;
    return super.postCard(group, channelId, card);
  }
}

async function scheduled(errors: unknown[], revealAfterMinutes = 1440) {
  h = harness({ start: "2025-03-02T00:00:00Z" }); // Sunday 09:00 in Seoul
  const port = new FailingPort(errors);
  const { bot, scheduler } = h.another({ port });
  await bot.schedule(org, CH, undefined, { time: "09:00", weekdays: ["daily"], timezone: "Asia/Seoul", revealAfterMinutes });
  h.clock.set("2025-03-03T00:00:00Z");
  return { bot, scheduler, port, h };
}

describe("delivery in the core", () => {
  it("tries a transient failure again with doubling waits and gives up after ten tries, closing the round without a card", async () => {
    const { bot, scheduler, port, h } = await scheduled(Array.from({ length: MAX_DELIVERY_ATTEMPTS }, () => new DeliveryError("transient")));
    await scheduler.catchUp();
    const waits: number[] = [];
    for (let i = 1; i < MAX_DELIVERY_ATTEMPTS; i++) {
      const [round] = await h.database.store.openRounds((await bot.group(org)).id);
      const next = round!.delivery.nextAttemptAt!;
      waits.push((next.getTime() - h.clock.now().getTime()) / 60_000);
      h.clock.set(next);
      await scheduler.catchUp();
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30, 30, 30]);
    expect(port.posted).toEqual([]);
    const [round] = h.database.sqlite.prepare("SELECT post_state, reveal_state, delivery_attempts, last_error, revealed_at IS NOT NULL AS closed FROM rounds").all() as Array<Record<string, unknown>>;
    expect(round).toEqual({ post_state: "failed", reveal_state: "failed", delivery_attempts: MAX_DELIVERY_ATTEMPTS, last_error: "transient", closed: 1 });
    // a transient failure pauses nothing: tomorrow's card is posted
    h.clock.set("2025-03-04T00:00:00Z");
    expect((await scheduler.catchUp()).posted).toHaveLength(1);
  });

  it("pauses the channel's schedules at the first failure for good, tells it once, and a resume ends it", async () => {
    const { bot, scheduler, port, h } = await scheduled([new DeliveryError("channel_gone", "channel_not_found")]);
    expect((await scheduler.catchUp()).posted).toEqual([]);
    const [view] = (await bot.status(org)).schedules;
    expect(view).toMatchObject({ paused: true, nextRun: null, pause: { kind: "channel_gone", detail: "channel_not_found", at: new Date("2025-03-03T00:00:00Z") } });
    expect(await bot.takePauseNotices(org)).toEqual([{ channelId: CH, name: "daily", pause: view!.pause }]);
    expect(await bot.takePauseNotices(org)).toEqual([]);
    h.clock.set("2025-03-04T00:00:00Z");
    await scheduler.catchUp();
    expect(port.posted).toEqual([]);
    await bot.setPaused(org, CH, undefined, false);
    expect((await bot.status(org)).schedules[0]).toMatchObject({ paused: false, pause: null });
    h.clock.set("2025-03-05T00:00:00Z");
    expect((await scheduler.catchUp()).posted).toHaveLength(1);
  });

  it("stops trying at the reveal time: the round closes without a card, and nothing is revealed", async () => {
    const { scheduler, port, h } = await scheduled([new DeliveryError("transient"), new DeliveryError("transient"), new DeliveryError("transient")], 3);
    await scheduler.catchUp(); // 09:00 fails; tried at 09:01 (fails), then due at 09:03 — the reveal time
    h.clock.advanceMinutes(1);
    await scheduler.catchUp();
    h.clock.advanceMinutes(2);
    expect((await scheduler.catchUp()).posted).toEqual([]);
    expect(port.posted).toEqual([]);
    expect(port.edited).toEqual([]);
    expect(h.database.sqlite.prepare("SELECT post_state, reveal_state, revealed_at FROM rounds").get()).toEqual({ post_state: "failed", reveal_state: "failed", revealed_at: Date.parse("2025-03-03T00:03:00Z") });
  });

  it("takes an error no port classified as transient, and posts the same round on the next try", async () => {
    const { scheduler, port, h } = await scheduled([new Error("socket hang up")]);
    await scheduler.catchUp();
    h.clock.advanceMinutes(1);
    const { posted } = await scheduler.catchUp();
    expect(posted).toHaveLength(1);
    expect(port.posted.map((p) => p.card.roundId)).toEqual([posted[0]!.id]);
    expect((h.database.sqlite.prepare("SELECT count(*) AS n FROM rounds").get() as { n: number }).n).toBe(1);
  });
});
