// The store contract on SQLite: each test on a new database in memory; two connections share a temporary file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { openDatabase, type Database } from "../../src/db/index.js";
import { reviewContract } from "./review-contract.js";
import { storeContract, type Backend } from "./store-contract.js";

const opened: Database[] = [];
const dirs: string[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function open(file: string) {
  const database = openDatabase(file);
  opened.push(database);
  return database.store;
}

const backend: Backend = {
  name: "SQLite",
  fresh: async () => open(":memory:"),
  twoConnections: async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "studybot-store-"));
    dirs.push(dir);
    const file = path.join(dir, "store.db");
    return [open(file), open(file)];
  },
};

storeContract(backend);
reviewContract(backend);
