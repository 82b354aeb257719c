// The digest's chart read back from its PNG: its size, every bar as tall as the seeded week's accuracy (and answers)
// say, and every Hangul label drawn with real glyphs from the bundled font (its pixels differ from what a missing
// glyph draws), with no system font filling in.
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { createCore } from "../../src/core/create.js";
import { CHART, chartLayout, chartSvg, renderPng, type ChartLayout, type ChartText } from "../../src/core/digest/chart.js";
import type { Digest } from "../../src/core/digest/types.js";
import { openDatabase, type Database } from "../../src/db/index.js";
import { silentLogger } from "../../src/logger.js";
import { noNotes } from "../engine/support.js";
import { CHANNEL, digestBank, SEEDED_ACCURACY, SEEDED_ANSWERS_BY_DAY, seedWeek, sunday, TZ } from "./support.js";

interface Image {
  width: number;
  height: number;
  data: Buffer;
}

const decode = (png: Uint8Array): Image => PNG.sync.read(Buffer.from(png));
const pixel = (img: Image, x: number, y: number) => {
  const i = (y * img.width + x) * 4;
  return `#${[0, 1, 2].map((k) => img.data[i + k]!.toString(16).padStart(2, "0")).join("")}`;
};

/** The pixels of a box, as one string to compare. */
function crop(img: Image, box: ChartText["box"]): string {
  const rows: string[] = [];
  for (let y = Math.max(0, box.y); y < Math.min(img.height, box.y + box.height); y++) {
    rows.push(img.data.subarray((y * img.width + Math.max(0, box.x)) * 4, (y * img.width + Math.min(img.width, box.x + box.width)) * 4).toString("hex"));
  }
  return rows.join("|");
}

/** How many pixels of a box differ from the chart's background. */
function ink(img: Image, box: ChartText["box"]): number {
  let n = 0;
  for (let y = box.y; y < box.y + box.height; y++) for (let x = box.x; x < box.x + box.width; x++) if (pixel(img, x, y) !== "#f8fafc") n++;
  return n;
}

/** Height of the bar of this colour standing on the plot's base at column x. */
function barHeight(img: Image, x: number, color: string): number {
  let h = 0;
  while (pixel(img, x, CHART.plotBottom - 1 - h) === color) h++;
  return h;
}

const HANGUL = /[\uac00-\ud7a3]/g;
/** A private-use code point: no font has it, so it draws the missing glyph. */
const MISSING = "\ue000";

let database: Database;
let digest: Digest;
let layout: ChartLayout;
let image: Image;

beforeAll(async () => {
  database = openDatabase(":memory:");
  const { bot } = createCore({ store: database.store, notes: noNotes, bank: digestBank(), clock: new ManualClock(sunday("20:00")), logger: silentLogger, settings: { defaultTimezone: TZ, defaultLocale: "ko" } });
  const organiser = { group: { platform: "test", externalId: "g" }, userId: "o", displayName: "o" };
  const group = await database.store.ensureGroup(organiser.group, { timezone: TZ });
  const schedule = await database.store.upsertSchedule(group.id, CHANNEL, "daily", { time: "09:00", weekdays: [0, 1, 2, 3, 4, 5, 6], timezone: TZ, topics: [], revealAfterMinutes: 60, instantFeedback: false }, { at: new Date(0) });
  await seedWeek(database.store, group, schedule);
  const preview = await bot.digestNow(organiser, CHANNEL);
  digest = preview.digest;
  layout = chartLayout(digest);
  image = decode(preview.chart.data);
});
afterAll(() => database.close());

describe("the digest's chart", () => {
  it("is a 1200×675 PNG", () => {
    expect([image.width, image.height]).toEqual([1200, 675]);
  });

  it("draws each topic's bar as tall as its accuracy in the seeded week, weakest first", () => {
    const bars = layout.bars.filter((b) => b.plot === "accuracy");
    expect(bars.map((b) => b.key)).toEqual(SEEDED_ACCURACY.map(([key]) => key));
    const full = CHART.plotBottom - CHART.plotTop;
    bars.forEach((bar, i) => {
      const measured = barHeight(image, bar.x + Math.floor(bar.width / 2), bar.color);
      expect(measured).toBe(Math.round(SEEDED_ACCURACY[i]![1] * full));
    });
    // the colours say weak, fair and strong
    expect(bars.map((b) => pixel(image, b.x + 2, CHART.plotBottom - 2))).toEqual(["#dc2626", "#dc2626", "#d97706", "#d97706", "#16a34a"]);
  });

  it("draws each day's bar in proportion to its answers, the busiest day full height", () => {
    const full = CHART.plotBottom - CHART.plotTop;
    const busiest = Math.max(...SEEDED_ANSWERS_BY_DAY);
    const bars = layout.bars.filter((b) => b.plot === "days");
    expect(bars).toHaveLength(7);
    bars.forEach((bar, i) => expect(barHeight(image, bar.x + Math.floor(bar.width / 2), "#2563eb")).toBe(Math.round((SEEDED_ANSWERS_BY_DAY[i]! / busiest) * full)));
  });

  it("draws every Hangul label with the bundled font's glyphs, not the missing-glyph box", () => {
    const labels = layout.texts.filter((x) => HANGUL.test(x.text));
    HANGUL.lastIndex = 0;
    // title, summary, both plot titles, five topic names, seven weekdays, the colour key
    expect(labels.map((x) => x.text)).toEqual(expect.arrayContaining(["주제별 정답률", "요일별 응답 수", "다이나모DB", "권한 관리", "월", "일", "50% 미만"]));
    expect(labels.length).toBeGreaterThanOrEqual(16);
    // the same chart with every Hangul syllable replaced by a code point no font has
    const missing = decode(renderPng(chartSvg({ ...layout, texts: layout.texts.map((x) => ({ ...x, text: x.text.replace(HANGUL, MISSING) })) })));
    for (const label of labels) {
      expect(ink(image, label.box), label.text).toBeGreaterThan(20);
      expect(crop(image, label.box), label.text).not.toBe(crop(missing, label.box));
    }
  });

  it("loads no system font: a letter only the machine's fonts have draws as missing, like a code point no font has", () => {
    // DejaVu (on this machine and most Linux images) has Cyrillic; the bundled subset does not
    const probe = (text: string) => decode(renderPng(chartSvg({ width: 200, height: 80, bars: [], grid: [], texts: [{ text, x: 20, y: 50, size: 32, anchor: "start", color: "#000000", box: { x: 0, y: 0, width: 200, height: 80 } }] })));
    const box = { x: 0, y: 0, width: 200, height: 80 };
    expect(crop(probe("Жж"), box)).toBe(crop(probe(MISSING + MISSING), box));
    expect(crop(probe("가나"), box)).not.toBe(crop(probe(MISSING + MISSING), box));
  });

  it("says so when the week has no answers", () => {
    const empty = chartLayout({ ...digest, rounds: 0, answers: 0, topics: [], days: digest.days.map((d) => ({ ...d, answers: 0, rounds: 0 })) });
    expect(empty.bars.filter((b) => b.plot !== "key")).toEqual([]);
    expect(empty.texts.map((x) => x.text)).toContain("이번 주에는 응답이 없어요");
    expect(decode(renderPng(chartSvg(empty))).width).toBe(1200);
  });
});
