// Builds the core from its dependencies: the facade platforms call and the scheduler that posts and reveals
// cards, sharing one round service, one port registry and one stream of schedule changes.
import { StudyBot, type BotSettings, type NotesIndex } from "./app.js";
import { Library, noNoteText } from "./library.js";
import { QuestionCatalog } from "./organiser/questions.js";
import { OrganiserService } from "./organiser/service.js";
import type { Actor } from "./cards.js";
import type { Clock } from "./clock.js";
import type { Section } from "./notes/types.js";
import { PortRegistry, ScheduleEvents } from "./ports.js";
import type { Random } from "./questions/pick.js";
import type { QuestionBank } from "./questions/types.js";
import { QuestionPicker } from "./review/pick.js";
import { ReviewService } from "./review/service.js";
import { RoundService } from "./rounds/service.js";
import { Scheduler, type SchedulerOptions } from "./schedule/scheduler.js";
import { DigestService } from "./digest/digests.js";
import { ReminderService } from "./digest/reminders.js";
import { ThreadService } from "./digest/threads.js";
import type { Store } from "./store/index.js";
import type { Logger } from "../logger.js";
import type { CoreMetrics } from "./metrics.js";

export interface CoreDeps {
  store: Store;
  notes: NotesIndex;
  /** the parsed note sections, to point a revealed question at its source heading */
  sections?: readonly Section[];
  /** the text of a note file, as the sections name it (default: none can be read) */
  readNote?: (file: string) => string;
  bank: QuestionBank;
  clock: Clock;
  logger: Logger;
  settings: BotSettings;
  random?: Random;
  scheduler?: SchedulerOptions;
  /** what /metrics counts (nothing when absent) */
  metrics?: CoreMetrics;
}

export interface Core {
  bot: StudyBot;
  scheduler: Scheduler;
  /** the notes and shipped bank in force: `library.reload(…)` swaps them for the whole process */
  library: Library;
}

export function createCore(deps: CoreDeps): Core {
  const ports = new PortRegistry();
  const events = new ScheduleEvents();
  const library = new Library({ bank: deps.bank, notes: deps.notes, sections: deps.sections ?? [], readNote: deps.readNote ?? noNoteText });
  const catalog = new QuestionCatalog(library, deps.store);
  const picker = new QuestionPicker(deps.store, deps.random);
  const rounds = new RoundService({ store: deps.store, library, catalog, ports, logger: deps.logger, random: deps.random, picker, metrics: deps.metrics });
  const reviews = new ReviewService({ store: deps.store, library, catalog, clock: deps.clock, logger: deps.logger, ports, defaultLocale: deps.settings.defaultLocale, random: deps.random });
  rounds.onRevealed((round) => reviews.roundRevealed(round));
  const extrasDeps = { store: deps.store, rounds, ports, clock: deps.clock, logger: deps.logger, defaultLocale: deps.settings.defaultLocale };
  const digests = new DigestService(extrasDeps);
  const threads = new ThreadService(extrasDeps);
  const group = (actor: Actor) => deps.store.ensureGroup(actor.group, { timezone: deps.settings.defaultTimezone });
  // eslint-disable-next-line prefer-const -- the service asks the facade for a reply's language, once both exist
  let bot: StudyBot;
  const organiser = new OrganiserService({ store: deps.store, library, rounds, clock: deps.clock, group, locale: (actor) => bot.locale(actor) });
  bot = new StudyBot({
    store: deps.store,
    library,
    clock: deps.clock,
    logger: deps.logger,
    settings: deps.settings,
    rounds,
    ports,
    events,
    random: deps.random,
    organiser,
    digests,
    threads,
    reviews,
    metrics: deps.metrics,
  });
  const scheduler = new Scheduler({ store: deps.store, clock: deps.clock, logger: deps.logger, rounds, ports, events, defaultLocale: deps.settings.defaultLocale, metrics: deps.metrics }, deps.scheduler);
  const reminders = new ReminderService(extrasDeps);
  scheduler.addSweepTask("reveal reminders", () => reminders.sweep());
  scheduler.addSweepTask("weekly digests", () => digests.sweep());
  scheduler.addSweepTask("review reminders", (platforms) => reviews.sweep(platforms));
  return { bot, scheduler, library };
}
