// Figures with units in a line of notes ("최대 15분", "256 KB", "7일", "$0.20"): where they are, their quantity in
// one base unit per dimension (so 15분 = 900 seconds), and plausible other values of the same unit.

export type Dimension = "time" | "size" | "count" | "rate" | "percent" | "money" | "ratio";

export interface Unit {
  dimension: Dimension;
  /** how many base units one of this unit is (seconds, bytes, …) */
  factor: number;
  /** values people write with this unit, for neighbours of an answer */
  ladder: readonly number[];
}

const TIME_SECONDS = [1, 2, 3, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600];
const TIME_MINUTES = [1, 2, 3, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180];
const TIME_HOURS = [1, 2, 3, 4, 6, 8, 12, 24, 36, 48, 72, 96, 168];
const TIME_DAYS = [1, 2, 3, 5, 7, 14, 15, 30, 35, 45, 60, 90, 180, 365, 400];
const TIME_SMALL = [1, 2, 3, 5, 6, 7, 10, 12, 15, 20, 24, 30, 36, 50, 60, 100];
const POWERS_OF_TWO = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 10240, 16384, 32768, 65536];
const ONE_TWO_FIVE = [1, 2, 3, 5, 10, 15, 20, 25, 30, 50, 100, 150, 200, 250, 300, 500, 1000, 1500, 2000, 2500, 3000, 5000, 10000, 20000, 25000, 50000, 100000, 200000, 500000, 1000000];
const PERCENTS = [1, 5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 99.9999, 99.999999999, 100, 150, 200];

/** Units by how they are written (lowercase); Korean counters and English words alike. */
const UNITS: Record<string, Unit> = {};
function unit(names: string[], dimension: Dimension, factor: number, ladder: readonly number[]): void {
  for (const n of names) UNITS[n.toLowerCase()] = { dimension, factor, ladder };
}
unit(["ms", "밀리초"], "time", 0.001, [1, 5, 10, 20, 50, 100, 200, 250, 500, 1000]);
unit(["초", "s", "sec", "secs", "second", "seconds"], "time", 1, TIME_SECONDS);
unit(["분", "min", "mins", "minute", "minutes"], "time", 60, TIME_MINUTES);
unit(["시간", "h", "hr", "hrs", "hour", "hours"], "time", 3600, TIME_HOURS);
unit(["일", "day", "days"], "time", 86400, TIME_DAYS);
unit(["주", "week", "weeks"], "time", 604800, TIME_SMALL);
unit(["개월", "달", "month", "months"], "time", 2592000, TIME_SMALL);
unit(["년", "year", "years"], "time", 31536000, TIME_SMALL);
unit(["b", "byte", "bytes", "바이트"], "size", 1, POWERS_OF_TWO);
unit(["kb", "kib", "킬로바이트"], "size", 1024, POWERS_OF_TWO);
unit(["mb", "mib", "메가바이트"], "size", 1024 ** 2, POWERS_OF_TWO);
unit(["gb", "gib", "기가바이트"], "size", 1024 ** 3, POWERS_OF_TWO);
unit(["tb", "tib", "테라바이트"], "size", 1024 ** 4, POWERS_OF_TWO);
unit(["pb", "pib"], "size", 1024 ** 5, POWERS_OF_TWO);
unit(["bit", "bits", "비트"], "size", 1 / 8, POWERS_OF_TWO);
unit(["개", "건", "번", "회", "명", "대", "곳", "가지", "items", "item", "requests", "request", "calls", "replicas", "times"], "count", 1, ONE_TWO_FIVE);
unit(["iops", "tps", "rps", "qps", "rcu", "wcu", "mbps", "gbps", "kbps", "mb/s", "gb/s"], "rate", 1, ONE_TWO_FIVE);
unit(["%", "퍼센트", "percent"], "percent", 1, PERCENTS);
unit(["배", "x"], "ratio", 1, [1.5, 2, 3, 4, 5, 10, 20, 50, 100]);

export interface Figure {
  /** offset of the figure in the text */
  start: number;
  end: number;
  /** as written: "15분", "256 KB", "$0.20" */
  text: string;
  value: number;
  /** the unit as written ("분", "KB", "$"), and the space between number and unit */
  unitText: string;
  spaced: boolean;
  unit: Unit;
  /** the number was written with thousands separators */
  grouped: boolean;
  decimals: number;
}

// A number not glued to a name (EC2, io1, SHA-256, v4, #28) and not a range end; then a unit. Latin units must
// end the word; Korean counters may carry a particle (15분까지, 7일간).
const FIGURE = /(?<![\p{L}\p{N}#.\-_/~])(\$\s?)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(\s?)(ms|밀리초|초|분|시간|일|주|개월|달|년|바이트|킬로바이트|메가바이트|기가바이트|테라바이트|비트|개|건|번|회|명|대|곳|가지|퍼센트|%|배|[A-Za-z]+(?:\/s)?)?/gu;

/** Figures in `text` that carry a known unit or a currency sign. */
export function findFigures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const [whole, dollar, intPart, frac, space, unitWritten] = m;
    const start = m.index;
    let end = start + whole.length;
    const after = text.slice(end);
    const before = text.slice(0, start);
    // Part of a range or a ratio ("1~6시간", "128MB ~ 10GB", "1:1", "256/1024"): the figure is not one value.
    if (/^\s*[~∼\-–:/]\s*\d/.test(after) || /\d\s*[~∼\-–:/]\s*$/.test(before) || /[~∼]\s*$/.test(before)) continue;
    let u: Unit | undefined;
    let unitText = "";
    if (dollar) {
      u = { dimension: "money", factor: 1, ladder: [0.01, 0.02, 0.05, 0.09, 0.1, 0.2, 0.25, 0.5, 1, 2, 3, 3.5, 5, 10, 20, 50, 100] };
      unitText = "$";
      if (unitWritten && !UNITS[unitWritten.toLowerCase()]) end -= unitWritten.length + space!.length;
    } else if (unitWritten) {
      u = UNITS[unitWritten.toLowerCase()];
      unitText = unitWritten;
      if (!u) continue;
      // A Latin unit must end its word ("5 with" is not a unit; "10GB" and "10 GB," are).
      if (/^[A-Za-z]/.test(unitWritten) && /^[A-Za-z0-9]/.test(after)) continue;
      // "1일" inside a date or "3번째" (an ordinal) is not a quantity.
      if (/^(?:째|차|번째|일자|월|세대|강|장\s*요약)/.test(after) || /^(?:번|회)째/.test(unitWritten + after)) continue;
    }
    if (!u) continue;
    const value = Number(intPart!.replace(/,/g, "") + (frac ? "." + frac : ""));
    if (!Number.isFinite(value)) continue;
    out.push({
      start,
      end,
      text: text.slice(start, end),
      value,
      unitText,
      spaced: !!space,
      unit: u,
      grouped: intPart!.includes(","),
      decimals: frac ? frac.length : 0,
    });
  }
  return out;
}

/** The figure's quantity in its dimension's base unit, for "same quantity" checks (15분 = 900초). */
export function quantity(f: Pick<Figure, "value" | "unit">): number {
  return f.value * f.unit.factor;
}

/** `value` written like `like`: same unit text, spacing, thousands separators and currency sign. */
export function formatLike(value: number, like: Figure): string {
  // 16.5 beside 16.0, but 99.9% beside 99.999999999% (not 99.900000000%).
  const decimals = like.decimals <= 2 ? Math.max(like.decimals, decimalsOf(value)) : decimalsOf(value);
  let digits = value.toFixed(decimals);
  if (like.grouped || (value >= 10000 && like.value >= 1000 && like.grouped)) {
    const [i, f] = digits.split(".") as [string, string | undefined];
    digits = i.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (f ? "." + f : "");
  }
  if (like.unitText === "$") return `$${digits}`;
  return `${digits}${like.spaced ? " " : ""}${like.unitText}`;
}

function decimalsOf(v: number): number {
  const s = String(v);
  const i = s.indexOf(".");
  return i < 0 ? 0 : s.length - i - 1;
}

/**
 * Other values for a figure, nearest first on a log scale: values the notes write with the same unit, then the
 * unit's usual values around it. Never the same quantity as the answer (15분 is not a distractor of 900초).
 */
export function neighbours(answer: Figure, corpusValues: readonly number[], exclude: ReadonlySet<number>): Array<{ value: number; fromNotes: boolean }> {
  const q = quantity(answer);
  const seen = new Set<number>([answer.value, ...exclude]);
  const ok = (v: number) => v > 0 && !seen.has(v) && Math.abs(v * answer.unit.factor - q) > 1e-9 && v / answer.value <= 30 && answer.value / v <= 30;
  const ranked: Array<{ value: number; fromNotes: boolean; distance: number }> = [];
  for (const v of corpusValues) {
    // Values the notes write are plausible when round (30일, 1,000개); 1729 or 63 would stand out.
    if (!ok(v) || !(answer.unit.ladder.includes(v) || significantDigits(v) <= 2)) continue;
    seen.add(v);
    ranked.push({ value: v, fromNotes: true, distance: Math.abs(Math.log(v / answer.value)) });
  }
  // Sizes that are powers of two (256 KB, 512MB) have powers of two beside them; others (20GB, 400 KB) round numbers.
  const ladder = answer.unit.dimension === "size" ? (Number.isInteger(answer.value) && isPowerOfTwo(answer.value) ? POWERS_OF_TWO : ONE_TWO_FIVE) : answer.unit.ladder;
  for (const v of ladder) {
    if (!ok(v) || (answer.decimals === 0 && !Number.isInteger(v) && answer.unit.dimension !== "money" && answer.unit.dimension !== "percent")) continue;
    seen.add(v);
    ranked.push({ value: v, fromNotes: false, distance: Math.abs(Math.log(v / answer.value)) });
  }
  if (ranked.filter((r) => !r.fromNotes).length < 3) {
    // Off the ladder (e.g. 5500): the ladder's multiples of the answer.
    for (const k of [0.1, 0.2, 0.5, 2, 3, 5, 10]) {
      const v = roundNice(answer.value * k, answer.decimals);
      if (!ok(v)) continue;
      seen.add(v);
      ranked.push({ value: v, fromNotes: false, distance: Math.abs(Math.log(k)) + 0.01 });
    }
  }
  return ranked.sort((a, b) => a.distance - b.distance).map(({ value, fromNotes }) => ({ value, fromNotes }));
}

function significantDigits(v: number): number {
  return String(v).replace(/^0\.0*|\./g, "").replace(/0+$/, "").length;
}

function isPowerOfTwo(v: number): boolean {
  return v > 0 && (v & (v - 1)) === 0;
}

function roundNice(v: number, decimals: number): number {
  if (decimals > 0) return Number(v.toFixed(decimals));
  if (v < 10) return Math.max(1, Math.round(v));
  const magnitude = 10 ** Math.floor(Math.log10(v));
  return Math.round(v / (magnitude / 2)) * (magnitude / 2);
}
