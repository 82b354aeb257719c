// Reveal reminders: a schedule's `reminder` minutes before the reveal, the open card is edited to show the time left
// and how many answered, and the schedule's mention (if any) is sent as a reply. The reminder is claimed once per
// round, only while the round is unrevealed (a conditional insert), and the round is read again at the moment of the
// edit: a reminder is never sent, or retried, once the reveal is recorded. A reveal recorded while the edit was on
// its way gets the revealed card put back.
import type { Clock } from "../clock.js";
import type { Locale } from "../locale.js";
import type { PortRegistry } from "../ports.js";
import { groupRef, type RoundService } from "../rounds/service.js";
import type { Store } from "../store/index.js";
import type { Logger } from "../../logger.js";

export interface ReminderDeps {
  store: Store;
  rounds: RoundService;
  ports: PortRegistry;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
}

export class ReminderService {
  private readonly logger: Logger;

  constructor(private readonly deps: ReminderDeps) {
    this.logger = deps.logger.child({ component: "reminder" });
  }

  /** Sends every reminder due now; returns the rounds reminded. */
  async sweep(): Promise<number[]> {
    const { store, ports, clock } = this.deps;
    const platforms = ports.platforms().filter((p) => ports.get(p)?.remindCard);
    const done: number[] = [];
    for (const due of await store.dueReminders(clock.now(), platforms)) {
      const id = due.round.id;
      const now = clock.now();
      if (!(await store.claimReminder(id, now))) continue;
      try {
        const group = await store.groupById(due.round.groupId);
        const port = group && ports.get(group.platform);
        if (!group || !port?.remindCard) continue;
        const locale = group.locale ?? this.deps.defaultLocale;
        const { answered } = await store.roundSummary(id, 0);
        // the moment of the edit: a reveal recorded since the claim wins, and this reminder is never sent
        const round = await store.roundById(id);
        if (!round || round.revealedAt !== null || !round.message) continue;
        const minutesLeft = Math.max(1, Math.ceil((round.revealAt.getTime() - now.getTime()) / 60_000));
        await port.remindCard(groupRef(group), round.message, this.deps.rounds.card(round, locale, await this.deps.rounds.bankFor(group.id)), { minutesLeft, answered, mention: due.mention });
        await store.finishReminder(id, clock.now());
        done.push(id);
        const after = await store.roundById(id);
        if (after?.revealedAt) {
          await port.editCard(groupRef(group), round.message, await this.deps.rounds.revealedCard(after, locale));
          this.logger.warn({ roundId: id }, "the round was revealed while its reminder was sent: the revealed card was put back");
        }
      } catch (err) {
        // still open: a later sweep may try again; revealed: the claim stays and it is never retried
        if (!(await store.roundById(id))?.revealedAt) await store.releaseReminder(id);
        this.logger.error({ err, roundId: id }, "could not send the reveal reminder");
      }
    }
    return done;
  }
}
