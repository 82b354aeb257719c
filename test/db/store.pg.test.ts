// The store contract on the run's real PostgreSQL server: one database for this file, emptied before each test;
// two connections are two pools, as two bot processes would have.
import { afterAll, beforeAll } from "vitest";
import { openPostgres, type PostgresDatabase } from "../../src/db/index.js";
import { createTestDatabase, truncateAll } from "../support/postgres.js";
import { reviewContract } from "./review-contract.js";
import { storeContract, type Backend } from "./store-contract.js";

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

const backend: Backend = {
  name: "PostgreSQL",
  fresh: async () => {
    await truncateAll(main);
    return main.store;
  },
  twoConnections: async () => {
    await truncateAll(main);
    return [main.store, second.store];
  },
};

storeContract(backend);
reviewContract(backend);
