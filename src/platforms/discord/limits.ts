// Discord's hard limits on what a message may carry, and the trimming that keeps us inside them.
// A request over any of these is rejected whole (400), so every renderer passes its output through `fitEmbeds`.
import type { APIEmbed } from "discord.js";
import { trimAtLine } from "../../core/notes/lookup.js";

export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** title + description + field names and values + footer + author, summed over all embeds of a message */
  embedsTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rows: 5,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Cuts a one-line string (a title, a label) to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, "")}…`;
}

export function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

const trim = (text: string, max: number) => trimAtLine(text, max).text;

/**
 * Makes a message's embeds valid: every part within its own limit, at most 25 fields, and the total within
 * 6000 characters — by trimming the longest description at a line (the core's visible marker line says so)
 * and then dropping trailing fields. The inputs are not modified.
 */
export function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const out = embeds.map((e) => {
    const f: APIEmbed = { ...e };
    if (f.title) f.title = clip(f.title, LIMITS.embedTitle);
    if (f.description) f.description = trim(f.description, LIMITS.embedDescription);
    if (f.footer) f.footer = { ...f.footer, text: clip(f.footer.text, LIMITS.footer) };
    if (f.author) f.author = { ...f.author, name: clip(f.author.name, LIMITS.author) };
    if (f.fields) {
      f.fields = f.fields.slice(0, LIMITS.embedFields).map((x) => ({
        ...x,
        name: clip(x.name, LIMITS.fieldName) || "\u200b",
        value: trim(x.value, LIMITS.fieldValue) || "\u200b",
      }));
    }
    return f;
  });
  let total = out.reduce((n, e) => n + embedLength(e), 0);
  while (total > LIMITS.embedsTotal) {
    const longest = out.reduce((a, b) => ((b.description?.length ?? 0) > (a.description?.length ?? 0) ? b : a));
    const over = total - LIMITS.embedsTotal;
    const desc = longest.description ?? "";
    if (desc.length > over + 40) {
      longest.description = trim(desc, desc.length - over);
    } else {
      const withFields = [...out].reverse().find((e) => e.fields && e.fields.length > 0);
      if (!withFields) break;
      withFields.fields = withFields.fields!.slice(0, -1);
    }
    total = out.reduce((n, e) => n + embedLength(e), 0);
  }
  return out;
}
