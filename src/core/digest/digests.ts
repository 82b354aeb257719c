// The weekly digest of each scheduled channel: due on its weekday and time in the schedule's time zone, posted once
// per channel and week (the claim is a unique key, so a double sweep, a restart or a second process cannot post it
// twice), caught up by the next sweep when the process was down at that time on the same day. A claim whose process
// stopped before posting is taken over after STALE_CLAIM_MS. A week in which the channel revealed nothing is
// recorded as done without a post.
import type { FileAttachment } from "../cards.js";
import type { Clock } from "../clock.js";
import { addDays, weekKey, weekdayOf } from "../clock.js";
import type { Locale } from "../locale.js";
import type { PortRegistry } from "../ports.js";
import { groupRef, type RoundService } from "../rounds/service.js";
import { dueToday } from "../schedule/parse.js";
import type { GroupRow, ScheduleRow, Store } from "../store/index.js";
import type { Logger } from "../../logger.js";
import { buildDigest } from "./build.js";
import { digestChart } from "./chart.js";
import type { Digest } from "./types.js";

export const STALE_CLAIM_MS = 10 * 60_000;

export interface DigestDeps {
  store: Store;
  rounds: RoundService;
  ports: PortRegistry;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
}

/**
 * The week a digest due on `date` reports: the Monday-to-Sunday week that ends on or before that day (a Sunday
 * digest reports its own week, a Monday one the week just ended).
 */
export function reportedWeek(date: string): string {
  const monday = addDays(date, -((weekdayOf(date) + 6) % 7));
  return weekdayOf(date) === 0 ? monday : addDays(monday, -7);
}

/** When the schedule's digest is due today, the day it is due and the week it reports; else null. */
export function digestDue(schedule: ScheduleRow, now: Date): { localDate: string; dueAt: Date; week: string } | null {
  if (!schedule.digest) return null;
  const slot = dueToday({ time: schedule.digest.time, weekdays: [schedule.digest.weekday], timezone: schedule.timezone }, now);
  // Created or changed after today's time had passed: start with the next week, as a schedule's first card does.
  if (!slot || schedule.updatedAt.getTime() > slot.dueAt.getTime()) return null;
  return { ...slot, week: reportedWeek(slot.localDate) };
}

export class DigestService {
  private readonly logger: Logger;

  constructor(private readonly deps: DigestDeps) {
    this.logger = deps.logger.child({ component: "digest" });
  }

  private locale(group: GroupRow): Locale {
    return group.locale ?? this.deps.defaultLocale;
  }

  /** Posts every digest due now that is not posted yet; returns the channels posted to. */
  async sweep(): Promise<string[]> {
    const { store, ports, clock } = this.deps;
    const platforms = ports.platforms().filter((p) => ports.get(p)?.postDigest);
    const now = clock.now();
    const posted: string[] = [];
    const seen = new Set<string>();
    for (const { schedule, group } of await store.activeSchedules(platforms)) {
      const due = digestDue(schedule, now);
      const key = `${group.id}\u0000${schedule.channelId}\u0000${due?.week}`;
      // several schedules of one channel share its digest
      if (!due || seen.has(key)) continue;
      seen.add(key);
      if (await this.post(group, schedule.channelId, due.week)) posted.push(schedule.channelId);
    }
    return posted;
  }

  /** Claims the channel's digest of the week and posts it; false when it was not this call that posted it. */
  private async post(group: GroupRow, channelId: string, week: string): Promise<boolean> {
    const { store, clock } = this.deps;
    const now = clock.now();
    if (!(await store.claimDigest(group.id, channelId, week, now, new Date(now.getTime() - STALE_CLAIM_MS)))) return false;
    try {
      const digest = await buildDigest(this.deps, group, channelId, week, this.locale(group));
      if (digest.rounds === 0) {
        await store.finishDigest(group.id, channelId, week, clock.now(), null);
        this.logger.info({ group: group.externalId, channel: channelId, week }, "no digest: nothing was revealed in the channel this week");
        return false;
      }
      const port = this.deps.ports.get(group.platform);
      if (!port?.postDigest) throw new Error(`the ${group.platform} platform cannot post a digest`);
      const ref = await port.postDigest(groupRef(group), channelId, digest, digestChart(digest));
      await store.finishDigest(group.id, channelId, week, clock.now(), ref);
      this.logger.info({ group: group.externalId, channel: channelId, week, rounds: digest.rounds }, "posted the weekly digest");
      return true;
    } catch (err) {
      // give the week back: the next sweep tries again (on the same day only, as it is then due)
      await store.releaseDigest(group.id, channelId, week).catch((e: unknown) => this.logger.error({ err: e }, "could not release a digest claim"));
      this.logger.error({ err, group: group.externalId, platform: group.platform, channel: channelId, week }, "could not post the weekly digest");
      return false;
    }
  }

  /** This week's digest of a channel so far, with its chart, posted nowhere (an organiser's preview). */
  async preview(group: GroupRow, channelId: string, locale: Locale): Promise<{ digest: Digest; chart: FileAttachment }> {
    const digest = await buildDigest(this.deps, group, channelId, weekKey(this.deps.clock.now(), group.timezone), locale);
    return { digest, chart: digestChart(digest) };
  }
}
