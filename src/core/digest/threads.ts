// Discussion threads: when a schedule has `thread=on`, each card it posts gets a thread (Discord starts one on the
// card once the bot's permissions there allow it; Slack uses the card's own thread), and the reveal's summary is
// posted in it.
import type { Clock } from "../clock.js";
import type { RevealedCard } from "../cards.js";
import type { PortRegistry } from "../ports.js";
import { groupRef, type RoundService } from "../rounds/service.js";
import type { GroupRow, RoundRow, Store } from "../store/index.js";
import type { Locale } from "../locale.js";
import type { Logger } from "../../logger.js";

export interface ThreadDeps {
  store: Store;
  rounds: RoundService;
  ports: PortRegistry;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
}

export class ThreadService {
  private readonly logger: Logger;

  constructor(private readonly deps: ThreadDeps) {
    this.logger = deps.logger.child({ component: "thread" });
    deps.rounds.onOpened((round) => this.start(round));
    deps.rounds.onRevealed((round, card) => this.summarise(round, card));
  }

  /** The permissions the bot lacks for threads in the channel (none when the platform has no threads). */
  async missing(group: GroupRow, channelId: string, locale: Locale = group.locale ?? this.deps.defaultLocale): Promise<string[]> {
    const port = this.deps.ports.get(group.platform);
    return port?.threadPermissionsMissing ? port.threadPermissionsMissing(groupRef(group), channelId, locale) : [];
  }

  private async start(round: RoundRow): Promise<void> {
    const { store } = this.deps;
    if (round.scheduleId === null || !round.message) return;
    const schedule = await store.scheduleById(round.scheduleId);
    const group = schedule?.thread ? await store.groupById(round.groupId) : null;
    const port = group && this.deps.ports.get(group.platform);
    if (!group || !port?.startThread) return;
    const missing = await this.missing(group, round.channelId);
    if (missing.length) {
      this.logger.warn({ roundId: round.id, channel: round.channelId, missing }, "no discussion thread: the bot lacks permissions in the channel");
      return;
    }
    const threadId = await port.startThread(groupRef(group), round.message, this.deps.rounds.card(round, group.locale ?? this.deps.defaultLocale, await this.deps.rounds.bankFor(group.id)));
    await store.setRoundThread(round.id, threadId, this.deps.clock.now());
  }

  private async summarise(round: RoundRow, card: RevealedCard): Promise<void> {
    const threadId = round.message ? await this.deps.store.roundThread(round.id) : null;
    if (!threadId || !round.message) return;
    const group = await this.deps.store.groupById(round.groupId);
    const port = group && this.deps.ports.get(group.platform);
    if (group && port?.postInThread) await port.postInThread(groupRef(group), round.message, threadId, card);
  }
}
