// The digest's chart: accuracy by topic and answers by day, drawn as SVG and rendered to PNG by resvg (its native
// binary ships inside its npm package). Text is set in the bundled Noto Sans CJK KR subset (assets/fonts, with its
// licence and how it was made): only those two files are loaded, never a system font, so a glyph the subset lacks
// shows as missing instead of falling back to whatever the machine has.
//
// The layout is plain numbers (every bar and label box in whole pixels, drawn with crisp edges), so a test can
// read the PNG back and find each bar exactly where the layout says. The card is opaque with a border, so it reads
// the same on a dark and a light chat theme.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";
import { createRequire } from "node:module";
import type { Resvg } from "@resvg/resvg-js";
import type { FileAttachment } from "../cards.js";
import { t } from "../messages/index.js";
import type { Digest } from "./types.js";

/** assets/fonts beside src/ (and beside dist/ in the compiled build) */
export const FONT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../assets/fonts");
export const FONT_FILES = [path.join(FONT_DIR, "NotoSansCJKkr-Subset-Regular.otf"), path.join(FONT_DIR, "NotoSansCJKkr-Subset-Bold.otf")];
export const FONT_FAMILY = "Noto Sans CJK KR";

export const CHART = {
  width: 1200,
  height: 675,
  /** top and bottom of both plots: a bar of 100% (or of the busiest day) is this tall */
  plotTop: 190,
  plotBottom: 560,
  accuracy: { left: 80, right: 580 },
  days: { left: 660, right: 1140 },
  /** at most this many topics are drawn (the weakest) */
  maxTopics: 8,
} as const;

export const COLORS = {
  background: "#f8fafc",
  border: "#cbd5e1",
  text: "#0f172a",
  muted: "#475569",
  grid: "#e2e8f0",
  weak: "#dc2626",
  fair: "#d97706",
  strong: "#16a34a",
  day: "#2563eb",
} as const;

export interface ChartBar {
  /** the bar's plot, or the colour key's swatch */
  plot: "accuracy" | "days" | "key";
  /** the topic key or the date */
  key: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
}

export interface ChartText {
  text: string;
  /** the anchor point: x is the centre for "middle", the start for "start"; y is the baseline */
  x: number;
  y: number;
  size: number;
  bold?: boolean;
  anchor: "start" | "middle";
  color: string;
  /** the box the text is drawn in (for tests that look at its pixels) */
  box: { x: number; y: number; width: number; height: number };
}

export interface ChartLayout {
  width: number;
  height: number;
  bars: ChartBar[];
  texts: ChartText[];
  grid: Array<{ x1: number; x2: number; y: number }>;
}

const plotHeight = CHART.plotBottom - CHART.plotTop;

/** The bar colour of an accuracy: weak under 50 %, fair under 75 %, strong from there. */
export function accuracyColor(accuracy: number): string {
  return accuracy < 0.5 ? COLORS.weak : accuracy < 0.75 ? COLORS.fair : COLORS.strong;
}

/** About how wide a text is set in the bundled font (Hangul a full em, Latin letters and digits about half). */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const c of text) em += /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(c) ? 0.92 : c === " " ? 0.25 : /[A-Z%…]/.test(c) ? 0.64 : 0.55;
  return em * size;
}

/** A label cut with an ellipsis to fit `width` pixels, so it stays within its bar's slot. */
function fit(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join("")}…`, size) > width) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

function text(value: string, x: number, y: number, size: number, opts: { bold?: boolean; anchor?: "start" | "middle"; color?: string; width: number }): ChartText {
  const anchor = opts.anchor ?? "middle";
  const left = anchor === "middle" ? Math.round(x - opts.width / 2) : x;
  return { text: value, x, y, size, bold: opts.bold, anchor, color: opts.color ?? COLORS.text, box: { x: left, y: Math.round(y - size * 1.05), width: Math.round(opts.width), height: Math.round(size * 1.35) } };
}

/** Where everything goes, in whole pixels. */
export function chartLayout(d: Digest): ChartLayout {
  const l = d.locale;
  const bars: ChartBar[] = [];
  const texts: ChartText[] = [];
  const grid: ChartLayout["grid"] = [];
  const summary = t(l, "digest.summary", { rounds: d.rounds, answers: d.answers });
  texts.push(text(t(l, "digest.title", { from: d.firstDay, to: d.lastDay.slice(5) }), 40, 64, 30, { bold: true, anchor: "start", width: 1120 }));
  texts.push(text(summary, 40, 102, 20, { anchor: "start", color: COLORS.muted, width: 1120 }));

  // accuracy by topic: gridlines every 25 %, one bar per topic, weakest first
  const acc = CHART.accuracy;
  texts.push(text(t(l, "chart.accuracy"), acc.left, 160, 22, { bold: true, anchor: "start", width: acc.right - acc.left }));
  for (const pct of [0, 25, 50, 75, 100]) {
    const y = CHART.plotBottom - Math.round((plotHeight * pct) / 100);
    grid.push({ x1: acc.left, x2: acc.right, y });
    texts.push(text(`${pct}%`, acc.left - 22, y + 5, 13, { anchor: "middle", color: COLORS.muted, width: 40 }));
  }
  const topics = d.topics.slice(0, CHART.maxTopics);
  const slot = topics.length ? Math.floor((acc.right - acc.left - 20) / topics.length) : 0;
  const barWidth = Math.min(64, Math.floor(slot * 0.6));
  topics.forEach((topic, i) => {
    const centre = acc.left + 20 + slot * i + Math.floor(slot / 2);
    const height = Math.round(topic.accuracy * plotHeight);
    const x = centre - Math.floor(barWidth / 2);
    bars.push({ plot: "accuracy", key: topic.key, value: topic.accuracy, x, y: CHART.plotBottom - height, width: barWidth, height, color: accuracyColor(topic.accuracy) });
    texts.push(text(`${Math.round(topic.accuracy * 100)}%`, centre, CHART.plotBottom - height - 8, 16, { bold: true, width: slot }));
    texts.push(text(fit(topic.name, slot - 8, 17), centre, CHART.plotBottom + 30, 17, { width: slot }));
  });
  if (topics.length === 0) texts.push(text(t(l, "chart.no_answers"), (acc.left + acc.right) / 2, (CHART.plotTop + CHART.plotBottom) / 2, 18, { color: COLORS.muted, width: acc.right - acc.left }));
  // the colour key of the accuracy bars
  let keyX = acc.left;
  for (const [color, key] of [
    [COLORS.weak, "chart.key_weak"],
    [COLORS.fair, "chart.key_fair"],
    [COLORS.strong, "chart.key_strong"],
  ] as const) {
    bars.push({ plot: "key", key, value: 0, x: keyX, y: 624, width: 14, height: 14, color });
    const label = t(l, key);
    const width = Math.ceil(textWidth(label, 15)) + 4;
    texts.push(text(label, keyX + 22, 637, 15, { anchor: "start", color: COLORS.muted, width }));
    keyX += 22 + width + 24;
  }

  // answers by day, Monday to Sunday, scaled to the busiest day
  const days = CHART.days;
  texts.push(text(t(l, "chart.days"), days.left, 160, 22, { bold: true, anchor: "start", width: days.right - days.left }));
  grid.push({ x1: days.left, x2: days.right, y: CHART.plotBottom });
  const busiest = Math.max(0, ...d.days.map((x) => x.answers));
  const daySlot = Math.floor((days.right - days.left) / 7);
  const dayWidth = Math.floor(daySlot * 0.6);
  const names = t(l, "schedule.days.names").split(",");
  d.days.forEach((day, i) => {
    const centre = days.left + daySlot * i + Math.floor(daySlot / 2);
    const height = busiest > 0 ? Math.round((day.answers / busiest) * plotHeight) : 0;
    if (height > 0) bars.push({ plot: "days", key: day.date, value: day.answers, x: centre - Math.floor(dayWidth / 2), y: CHART.plotBottom - height, width: dayWidth, height, color: COLORS.day });
    texts.push(text(String(day.answers), centre, CHART.plotBottom - height - 8, 16, { bold: true, width: daySlot }));
    texts.push(text(names[day.weekday] ?? "", centre, CHART.plotBottom + 30, 17, { width: daySlot }));
    texts.push(text(day.date.slice(5).replace("-", "/"), centre, CHART.plotBottom + 52, 13, { color: COLORS.muted, width: daySlot }));
  });
  return { width: CHART.width, height: CHART.height, bars, texts, grid };
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

export function chartSvg(layout: ChartLayout): string {
  const { width: w, height: h } = layout;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${FONT_FAMILY}">`,
    `<rect x="0" y="0" width="${w}" height="${h}" fill="${COLORS.background}"/>`,
    `<rect x="0.5" y="0.5" width="${w - 1}" height="${h - 1}" fill="none" stroke="${COLORS.border}" stroke-width="1"/>`,
    ...layout.grid.map((g) => `<rect x="${g.x1}" y="${g.y}" width="${g.x2 - g.x1}" height="1" fill="${COLORS.grid}" shape-rendering="crispEdges"/>`),
    ...layout.bars.map((b) => `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="${b.color}" shape-rendering="crispEdges"/>`),
    ...layout.texts.map(
      (x) => `<text x="${x.x}" y="${x.y}" font-size="${x.size}"${x.bold ? ' font-weight="700"' : ""} text-anchor="${x.anchor}" fill="${x.color}">${escapeXml(x.text)}</text>`,
    ),
    "</svg>",
  ];
  return parts.join("");
}

const load = createRequire(import.meta.url);
let ResvgClass: typeof Resvg | null = null;

/** Renders an SVG with the bundled fonts only. resvg's native binary is loaded with the first chart, not at start-up. */
export function renderPng(svg: string): Buffer {
  ResvgClass ??= (load("@resvg/resvg-js") as typeof import("@resvg/resvg-js")).Resvg;
  const resvg = new ResvgClass(svg, { font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }, shapeRendering: 1, textRendering: 1 });
  const image = resvg.render();
  return encodePng(image.pixels, image.width, image.height);
}

/**
 * RGBA pixels as a PNG (the chart is opaque, so resvg's premultiplied pixels are plain RGBA). resvg's own encoder
 * compresses harder and takes about twice as long, half the chart's time: a flat chart compresses well enough at a
 * low zlib level with no row filter (about 50 KiB).
 */
export function encodePng(rgba: Buffer, width: number, height: number): Buffer {
  const row = width * 4;
  const raw = Buffer.alloc((row + 1) * height); // each row starts with its filter type, 0 (none)
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (row + 1) + 1, y * row, (y + 1) * row);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(raw, { level: 3 })), chunk("IEND", Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The digest's chart as a PNG file. */
export function digestChart(d: Digest): FileAttachment {
  return { name: t(d.locale, "digest.chart_name", { week: d.week }), mime: "image/png", data: renderPng(chartSvg(chartLayout(d))) };
}
