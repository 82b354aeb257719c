// Which of a channel's schedules a command means: the one named, else the channel's only one (or "daily" among
// several). Shared by the schedule commands and the organiser tools (next, skip).
import { UserError } from "../errors.js";
import { DEFAULT_SCHEDULE_NAME, type ScheduleRow, type ScheduleStore } from "../store/index.js";

/** `required`: a UserError naming the channel's schedules when none fits; otherwise null. */
export async function findNamedSchedule(store: Pick<ScheduleStore, "listSchedules">, groupId: number, channelId: string, name: string | undefined, required: boolean): Promise<ScheduleRow | null> {
  const mine = (await store.listSchedules(groupId)).filter((s) => s.active && s.channelId === channelId);
  const found = name !== undefined ? mine.find((s) => s.name === name) : mine.length === 1 ? mine[0] : mine.find((s) => s.name === DEFAULT_SCHEDULE_NAME);
  if (found) return found;
  if (!required) return null;
  if (name !== undefined && mine.length) throw new UserError("schedule.no_such_name", { name, names: mine.map((s) => s.name).join(", ") });
  if (mine.length > 1) throw new UserError("schedule.which", { names: mine.map((s) => s.name).join(", ") });
  throw new UserError("schedule.none");
}
