// The weekly digest in the terminal: /studybot digest-now and the scheduled digest both write the chart under the data
// folder (digests/) and print its path.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { afterEach, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.js";
import { CONSOLE_CHANNEL, CONSOLE_GROUP, createConsole } from "../../src/platforms/console/index.js";
import { harness, type Harness } from "../engine/support.js";
import { digestBank, seedWeek, sunday, TZ } from "./support.js";

let h: Harness | undefined;
let dir: string | undefined;
afterEach(() => {
  h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function seededConsole() {
  h = harness({ start: sunday("00:00").toISOString(), bank: digestBank(), timezone: TZ });
  dir = mkdtempSync(path.join(tmpdir(), "studybot-digest-console-"));
  const out: string[] = [];
  const { session } = createConsole(h.bot, { output: { write: (t) => void out.push(t) }, logger: silentLogger, timezone: TZ, filesDir: dir });
  await session.handle("/studybot config language=ko");
  await session.handle("/studybot schedule 09:00 daily");
  const group = (await h.database.store.findGroup(CONSOLE_GROUP))!;
  await seedWeek(h.database.store, group, (await h.database.store.findSchedule(group.id, CONSOLE_CHANNEL, "daily"))!);
  out.length = 0;
  return { session, out, chart: path.join(dir, "digests", "digest-2025-03-03.png") };
}

it("previews this week's digest with /studybot digest-now, the chart written under digests/ and its path printed", async () => {
  const { session, out, chart } = await seededConsole();
  h!.clock.set(sunday("18:00"));
  await session.handle("/studybot digest-now");
  const text = out.join("");
  expect(text).toContain("이 채널의 이번 주 리포트를 미리 보여 드려요");
  expect(text).toContain("🏆 이번 주 1위: 지우");
  expect(text).toContain(`→ ${chart}`);
  const png = PNG.sync.read(readFileSync(chart));
  expect([png.width, png.height]).toEqual([1200, 675]);
});

it("prints the scheduled digest on Sunday evening with the chart's path", async () => {
  const { out, chart } = await seededConsole();
  h!.clock.set(sunday("20:00"));
  await h!.scheduler.catchUp();
  const text = out.join("");
  expect(text).toContain("주간 리포트 · 2025-03-03 – 03-09");
  expect(text).toContain("가장 많이 틀린 문제");
  expect(text).toContain(`차트: ${chart}`);
  expect(existsSync(chart)).toBe(true);
});
