// The store contract on the run's real PostgreSQL server: one database for this file, emptied before each test;
// two connections are two pools, as two bot processes would have.
import { afterAll, beforeAll } from "vitest";
import { openPostgres, type PostgresDatabase } from "../../src/db/index.js";
import { createTestDatabase, truncateAll } from "../support/postgres.js";
import { storeContract } from "./store-contract.js";

let url: string;
let main: PostgresDatabase;
let second: PostgresDatabase;
beforeAll(async () => {
  url = await createTestDatabase();
  main = await openPostgres(url);
  second = await openPostgres(url);
});
afterAll(async () => {
  await main?.close();
  await second?.close();
});

storeContract({
  name: "PostgreSQL",
  fresh: async () => {
    await truncateAll(main);
    return main.store;
  },
  twoConnections: async () => {
    await truncateAll(main);
    return [main.store, second.store];
  },
});
