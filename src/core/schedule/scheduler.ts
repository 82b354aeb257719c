// The scheduler: one node-cron job per schedule, in the schedule's IANA time zone, plus a one-minute sweep.
// node-cron never catches up a run missed while the process was down and keeps nothing on disk, so every
// decision is made here from the database and the injected clock:
//   - a schedule is due when today (local) is one of its weekdays and its time has come today;
//   - the day is claimed by inserting its round, and the unique (schedule, local date) key decides the
//     winner — a double fire, a restart or a second process on the same database cannot post the day twice;
//   - only today's slot is ever considered, so after a day of downtime yesterday's question is not posted;
//   - rounds whose reveal time has passed are revealed (marked once, then the card is edited).
// Tests call catchUp() / runSchedule() / revealDue() after moving the clock; nothing here sleeps.
import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "../clock.js";
import { noMetrics, type CoreMetrics } from "../metrics.js";
import type { Locale } from "../locale.js";
import type { PortRegistry, ScheduleEvents } from "../ports.js";
import type { RoundService } from "../rounds/service.js";
import type { GroupRow, RoundRow, ScheduleRow, Store } from "../store/index.js";
import type { Logger } from "../../logger.js";
import { cronExpression, dueToday } from "./parse.js";

export interface SchedulerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  rounds: RoundService;
  ports: PortRegistry;
  events: ScheduleEvents;
  defaultLocale: Locale;
  metrics?: CoreMetrics;
}

export interface SchedulerOptions {
  /** arm node-cron jobs and reveal timers (false in tests, which drive time themselves) */
  timers?: boolean;
}

export interface CatchUpResult {
  posted: RoundRow[];
  revealed: number[];
}

const MAX_TIMEOUT = 2 ** 31 - 1;

export class Scheduler {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly jobs = new Map<number, { task: ScheduledTask; key: string }>();
  private sweep: ScheduledTask | null = null;
  private readonly revealTimers = new Map<number, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private unsubscribe: Array<() => void> = [];
  private stopped = false;
  private readonly sweepTasks: Array<{ name: string; run: (platforms: string[]) => Promise<unknown> }> = [];
  private lastTickAt: Date | null = null;
  private startedAtValue: Date | null = null;

  constructor(
    private readonly deps: SchedulerDeps,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.logger = deps.logger.child({ component: "scheduler" });
  }

  /** Platforms this process can post to: schedules of other platforms are left to their own process. */
  private platforms(): string[] {
    return this.deps.ports.platforms();
  }

  private groupLocale(group: GroupRow): Locale {
    return group.locale ?? this.deps.defaultLocale;
  }

  /** Catches up (today's missed posts, overdue reveals), then arms the cron jobs. */
  async start(): Promise<CatchUpResult> {
    this.stopped = false;
    this.startedAtValue = this.clock.now();
    const result = await this.catchUp();
    if (this.opts.timers !== false) {
      await this.arm();
      this.unsubscribe.push(
        this.deps.events.on(() => void this.track(this.arm())),
        // every card posted here (post-now included) gets a reveal timer at its exact time
        this.deps.rounds.onOpened((round) => this.armReveal(round)),
      );
      this.sweep = cron.createTask("* * * * *", () => this.track(this.catchUp()), { name: "studybot-sweep", noOverlap: true });
      await this.sweep.start();
    }
    return result;
  }

  /** Stops every job and timer, then waits for work already started (a post, a reveal) to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const off of this.unsubscribe.splice(0)) off();
    for (const { task } of this.jobs.values()) await task.destroy();
    this.jobs.clear();
    if (this.sweep) await this.sweep.destroy();
    this.sweep = null;
    for (const t of this.revealTimers.values()) clearTimeout(t);
    this.revealTimers.clear();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Work the sweep does after posting and revealing (reveal reminders, weekly digests, review reminders), in the
   * order added, given the platforms this process posts to.
   */
  addSweepTask(name: string, run: (platforms: string[]) => Promise<unknown>): void {
    this.sweepTasks.push({ name, run });
  }

  /**
   * Posts every schedule due today that has not been posted, tries again every post and reveal whose retry time
   * has come, reveals every round whose time has passed, then runs the sweep tasks. The one-minute sweep runs this.
   */
  async catchUp(): Promise<CatchUpResult> {
    const posted: RoundRow[] = [];
    for (const { schedule, group } of await this.store.activeSchedules(this.platforms())) {
      const round = await this.runOne(schedule, group);
      if (round) posted.push(round);
    }
    posted.push(...(await this.retryDeliveries()));
    const revealed = await this.revealDue();
    for (const task of this.sweepTasks) {
      try {
        await task.run(this.platforms());
      } catch (err) {
        this.logger.error({ err, task: task.name }, "sweep task failed");
      }
    }
    this.lastTickAt = this.clock.now();
    return { posted, revealed };
  }

  /** When start() was called (null before), for /healthz. */
  get startedAt(): Date | null {
    return this.startedAtValue;
  }

  /** When the sweep last ran to its end (null before the first), for /healthz. */
  get lastTick(): Date | null {
    return this.lastTickAt;
  }

  /** What a schedule's cron job does when it fires: post today's question unless the day is already claimed. */
  async runSchedule(scheduleId: number): Promise<RoundRow | null> {
    const schedule = await this.store.scheduleById(scheduleId);
    if (!schedule || !schedule.active || schedule.paused) return null;
    const group = await this.store.groupById(schedule.groupId);
    if (!group || !this.deps.ports.has(group.platform)) return null;
    return this.runOne(schedule, group);
  }

  private async runOne(schedule: ScheduleRow, group: GroupRow): Promise<RoundRow | null> {
    if (this.stopped && this.opts.timers !== false) return null;
    const now = this.clock.now();
    const slot = dueToday(schedule, now);
    if (!slot) return null;
    if (schedule.lastRunDate === slot.localDate) return null;
    // Created or changed after today's time had passed: start with the next slot, not right away.
    if (schedule.updatedAt.getTime() > slot.dueAt.getTime()) return null;
    try {
      const opened = await this.deps.rounds.open(group, schedule.channelId, {
        schedule,
        localDate: slot.localDate,
        topics: schedule.topics,
        revealAfterMinutes: schedule.revealAfterMinutes,
        instantFeedback: schedule.instantFeedback,
        now,
        locale: this.groupLocale(group),
      });
      if (!opened) return null; // another fire, restart or process claimed the day
      await this.store.markScheduleRun(schedule.id, slot.localDate, now);
      if (opened.delivery.state !== "done") return null; // pending (tried again) or failed (the schedule paused)
      (this.deps.metrics ?? noMetrics).schedulerLagSeconds((now.getTime() - slot.dueAt.getTime()) / 1000);
      this.logger.info({ roundId: opened.round.id, scheduleId: schedule.id, channel: schedule.channelId, day: slot.localDate }, "posted the daily question");
      return opened.round;
    } catch (err) {
      this.logger.error({ err, scheduleId: schedule.id, channel: schedule.channelId, group: group.externalId, platform: group.platform }, "could not post the daily question");
      return null;
    }
  }

  /**
   * Tries again every pending post and reveal whose time has come: after a transient failure (with backoff), or
   * after a process stopped between claiming a day and posting its card. The same round is posted again, never
   * another, and the platform's idempotency (Discord's nonce, Slack's message metadata) keeps it one card.
   */
  /** Returns the rounds whose card it posted. */
  async retryDeliveries(): Promise<RoundRow[]> {
    const now = this.clock.now();
    const done: RoundRow[] = [];
    for (const round of await this.store.dueDeliveries(now, this.platforms())) {
      try {
        const group = await this.store.groupById(round.groupId);
        const outcome = group ? await this.deps.rounds.retry(round, group, this.groupLocale(group), now) : null;
        if (outcome?.state === "done" && round.revealedAt === null) {
          done.push(outcome.round);
          this.logger.info({ roundId: round.id, channel: round.channelId, attempts: round.delivery.attempts }, "posted a question on another try");
        }
      } catch (err) {
        this.logger.error({ err, roundId: round.id }, "could not try a pending delivery again");
      }
    }
    return done;
  }

  /** Reveals every open round whose reveal time has passed; returns their ids. */
  async revealDue(): Promise<number[]> {
    const now = this.clock.now();
    const done: number[] = [];
    for (const round of await this.store.dueReveals(now, this.platforms())) {
      try {
        const group = await this.store.groupById(round.groupId);
        if (!group) continue;
        const card = await this.deps.rounds.reveal(round, group, this.groupLocale(group), now);
        if (card) done.push(round.id);
      } catch (err) {
        this.logger.error({ err, roundId: round.id }, "could not reveal the round");
      }
    }
    return done;
  }

  /** (Re)creates one cron job per active schedule; drops jobs of removed or paused schedules. */
  private async arm(): Promise<void> {
    if (this.stopped) return;
    const wanted = new Map<number, ScheduleRow>();
    for (const { schedule } of await this.store.activeSchedules(this.platforms())) wanted.set(schedule.id, schedule);
    for (const [id, job] of this.jobs) {
      const s = wanted.get(id);
      if (!s || jobKey(s) !== job.key) {
        await job.task.destroy();
        this.jobs.delete(id);
      }
    }
    for (const s of wanted.values()) {
      if (this.jobs.has(s.id) || s.weekdays.length === 0) continue;
      const task = cron.createTask(cronExpression(s.time, s.weekdays), () => this.track(this.runSchedule(s.id)), {
        timezone: s.timezone,
        name: `studybot-schedule-${s.id}`,
        noOverlap: true,
      });
      await task.start();
      this.jobs.set(s.id, { task, key: jobKey(s) });
    }
    // Rounds opened before this process started (or by another process) get an exact reveal here too.
    for (const { schedule, group } of await this.store.activeSchedules(this.platforms())) {
      for (const r of await this.store.openRounds(group.id, schedule.channelId)) this.armReveal(r);
    }
  }

  /** A timer for the exact reveal time; the one-minute sweep is the safety net. */
  armReveal(round: RoundRow): void {
    if (this.opts.timers === false || this.stopped || this.revealTimers.has(round.id)) return;
    const delay = Math.max(0, round.revealAt.getTime() - this.clock.now().getTime());
    if (delay > MAX_TIMEOUT) return;
    const timer = setTimeout(() => {
      this.revealTimers.delete(round.id);
      this.track(this.revealDue());
    }, delay);
    timer.unref();
    this.revealTimers.set(round.id, timer);
  }

  /** Number of armed cron jobs (one per active schedule). */
  get jobCount(): number {
    return this.jobs.size;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    const done = () => this.inFlight.delete(p);
    p.then(done, (err: unknown) => {
      done();
      this.logger.error({ err }, "scheduled work failed");
    });
    return p;
  }
}

function jobKey(s: ScheduleRow): string {
  return `${s.time}|${s.weekdays.join(",")}|${s.timezone}`;
}
