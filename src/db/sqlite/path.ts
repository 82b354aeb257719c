// Checks a SQLite database path before SQLite touches it, so start-up refuses in one line what would otherwise hang
// or fail later: a folder that cannot be created (Node's recursive mkdir spins forever under /proc), a pseudo file
// system (/proc, /sys), a path through a file, a database file or folder this user may not write.
import { accessSync, constants, mkdirSync, statfsSync, statSync } from "node:fs";
import path from "node:path";
import { DatabaseError } from "../migrations.js";

/** statfs types of file systems that hold no files of ours (Linux magic numbers). */
const PSEUDO_FS: Record<number, string> = {
  0x9fa0: "proc",
  0x62656572: "sysfs",
  0x1cd1: "devpts",
  0x27e0eb: "cgroup",
  0x63677270: "cgroup2",
  0x64626720: "debugfs",
  0x74726163: "tracefs",
  0x73636673: "securityfs",
  0x6e736673: "nsfs",
  0xcafe4a11: "bpf",
};

const fix = "point DATABASE_PATH at a file in a folder this user can write";

/** The path's nearest existing ancestor (itself when it exists). */
function nearestExisting(p: string): string {
  let dir = p;
  for (;;) {
    try {
      statSync(dir);
      return dir;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return dir;
      dir = parent;
    }
  }
}

export function checkDatabasePath(file: string): void {
  const target = path.resolve(file);
  const folder = path.dirname(target);
  const existing = nearestExisting(folder);
  let fsType: number | null = null;
  try {
    fsType = Number(statfsSync(existing).type);
  } catch {
    // statfs is not everywhere (it is on Linux and macOS): the checks below still apply
  }
  if (fsType !== null && PSEUDO_FS[fsType]) throw new DatabaseError(`DATABASE_PATH=${file} is on the ${PSEUDO_FS[fsType]} pseudo file system, which cannot hold a database: ${fix}.`);
  if (!statSync(existing).isDirectory()) throw new DatabaseError(`DATABASE_PATH=${file} goes through ${existing}, which is a file, not a folder: ${fix}.`);
  // Create the missing folders one level at a time: each failure is reported as it is.
  const missing: string[] = [];
  for (let dir = folder; dir !== existing; dir = path.dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (err) {
      throw new DatabaseError(`cannot create the folder ${dir} for DATABASE_PATH=${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): ${fix}.`);
    }
  }
  // SQLite writes beside the database too (its -wal and -shm files): the folder must be writable.
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch {
    throw new DatabaseError(`the folder ${folder} of DATABASE_PATH=${file} is not writable by this user: ${fix}.`);
  }
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return; // a new database: SQLite creates it
  }
  if (!stat.isFile()) throw new DatabaseError(`DATABASE_PATH=${file} is not a file: ${fix}.`);
  try {
    accessSync(target, constants.R_OK | constants.W_OK);
  } catch {
    throw new DatabaseError(`the database file ${file} is read-only for this user: make it writable (chmod u+w, or chown it to this user), or ${fix}.`);
  }
}
