import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseNote } from "./parse.js";
import type { Section } from "./types.js";

export class NotesError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = "NotesError";
  }
}

const NOTE_FILE = /\.(md|markdown|txt)$/i;

/**
 * Reads every `.md`/`.txt` note under `notesDir` (recursively, sorted, so ids are stable) into sections.
 * `file` in each section is relative to `rootDir` (the project root by default), e.g. "notes/dva-theory.txt";
 * for a folder outside it, the folder's own name and the path inside it ("group-notes/os.md"), so a server's
 * absolute paths never reach chat or JSON.
 */
export function loadNotes(notesDir: string, rootDir: string = process.cwd()): Section[] {
  let files: string[];
  try {
    if (!statSync(notesDir).isDirectory()) throw new Error("not a directory");
    files = listNoteFiles(notesDir);
  } catch (err) {
    throw new NotesError(`cannot read the notes folder ${notesDir} (${(err as Error).message}): set NOTES_DIR to a folder of .md or .txt notes.`);
  }
  const sections: Section[] = [];
  for (const abs of files) {
    const rel = path.relative(rootDir, abs);
    const inside = !rel.startsWith("..") && !path.isAbsolute(rel);
    const display = (inside ? rel : path.join(path.basename(path.resolve(notesDir)), path.relative(notesDir, abs))).split(path.sep).join("/");
    sections.push(...parseNote(display, readFileSync(abs, "utf8"), sections.length));
  }
  return sections;
}

function listNoteFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listNoteFiles(abs));
    else if (entry.isFile() && NOTE_FILE.test(entry.name)) out.push(abs);
  }
  return out;
}

/**
 * Reads a note file back by the name its sections carry (`file`): relative to `rootDir`, or, for a notes folder
 * outside it, relative to the folder's parent (the name starts with the folder's own name).
 */
export function noteReader(notesDir: string, rootDir: string = process.cwd()): (file: string) => string {
  const folder = path.resolve(notesDir);
  return (file) => {
    const inside = path.resolve(rootDir, file);
    const outside = path.resolve(path.dirname(folder), file);
    const abs = inside.startsWith(folder + path.sep) ? inside : outside;
    if (!abs.startsWith(folder + path.sep) || !NOTE_FILE.test(abs)) throw new NotesError(`${file} is not a note of ${notesDir}`);
    return readFileSync(abs, "utf8");
  };
}
