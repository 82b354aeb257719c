// docker-compose.yml checked as Docker Compose would read it (no Docker engine here): the bot services are the
// image this repository builds, they share one PostgreSQL service they wait for, and their shard ranges split one
// shard count between them with no shard twice and none left out; each bot's environment passes the bot's own
// configuration check.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig, parseShardList, serverPort } from "../../src/config.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface Service {
  build?: string;
  image?: string;
  env_file?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  healthcheck?: { test: string[] };
  volumes?: string[];
}

const compose = parse(readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8"), { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = Object.entries(compose.services);
const bots = services.filter(([, s]) => s.build !== undefined);
const [dbName, db] = services.find(([, s]) => s.image?.startsWith("postgres:"))!;

/** what `.env` would add: the secrets the file leaves out */
const SECRETS = { DISCORD_TOKEN: "token", DISCORD_APPLICATION_ID: "1100000000000000001" };

describe("docker-compose.yml", () => {
  it("runs two bot services built from this repository and one PostgreSQL with its data on a volume", () => {
    expect(bots.map(([, s]) => s.build)).toEqual([".", "."]);
    expect(bots.every(([, s]) => s.env_file === ".env")).toBe(true);
    expect(db.healthcheck?.test).toContain("pg_isready");
    const [volume] = db.volumes ?? [];
    expect(volume).toMatch(/:\/var\/lib\/postgresql\/data$/);
    expect(Object.keys(compose.volumes ?? {})).toContain(volume!.split(":")[0]);
  });

  it("points every bot at the PostgreSQL service with its user, password and database, once it is healthy", () => {
    const env = db as Service & { environment: Record<"POSTGRES_USER" | "POSTGRES_PASSWORD" | "POSTGRES_DB", string> };
    for (const [, bot] of bots) {
      const url = new URL(bot.environment!.DATABASE_URL!);
      expect([url.protocol, url.hostname, url.port, url.username, url.password, url.pathname]).toEqual([
        "postgres:",
        dbName,
        "5432",
        env.environment.POSTGRES_USER,
        env.environment.POSTGRES_PASSWORD,
        `/${env.environment.POSTGRES_DB}`,
      ]);
      expect(bot.depends_on?.[dbName]?.condition).toBe("service_healthy");
    }
  });

  it("splits one shard count between the bots: every shard once, each bot a shard manager the configuration accepts", () => {
    const configs = bots.map(([, s]) => loadConfig({ ...SECRETS, ...s.environment }, "/app"));
    const counts = new Set(configs.map((c) => c.discord?.sharding?.count));
    expect(counts.size).toBe(1);
    const [count] = [...counts];
    expect(typeof count).toBe("number");
    const owned = configs.flatMap((c) => c.discord!.sharding!.list!);
    expect(owned.sort((a, b) => a - b)).toEqual(Array.from({ length: count as number }, (_, i) => i));
    expect(bots.map(([, s]) => parseShardList(s.environment!.DISCORD_SHARD_LIST!).length).every((n) => n > 0)).toBe(true);
    expect(configs.every((c) => c.databaseUrl !== undefined)).toBe(true);
  });

  it("publishes each bot's one HTTP port (health and metrics) on a host port of its own", () => {
    const published = bots.map(([, s]) => {
      const [host, container] = s.ports![0]!.split(":");
      expect(Number(container)).toBe(serverPort(loadConfig({ ...SECRETS, ...s.environment }, "/app")));
      return host;
    });
    expect(new Set(published).size).toBe(bots.length);
  });
});
