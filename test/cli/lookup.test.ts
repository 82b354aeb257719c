import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";

async function cli(args: string[], stdin = ""): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  const code = await runCli(args, { stdout, stderr, stdin: Readable.from([stdin]) });
  return { code, out, err };
}

describe("studybot lookup", () => {
  it("prints readable results with breadcrumb and source", async () => {
    const r = await cli(["lookup", "람다", "타임아웃"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Lambda/);
    expect(r.out).toMatch(/notes\/[\w-]+\.(md|txt):\d+/);
    expect(r.out).toContain(" › ");
  });

  it("prints JSON with --json and honours --limit", async () => {
    const r = await cli(["lookup", "--json", "--limit", "2", "SQS", "dead", "letter", "queue"]);
    const json = JSON.parse(r.out);
    expect(json.query).toBe("SQS dead letter queue");
    expect(json.results).toHaveLength(2);
    expect(json.results[0]).toMatchObject({ file: "notes/saa-c02-study.md", line: 445, heading: "#67 SQS - Dead Letter Queue", score: 1 });
    expect(Array.isArray(json.results[0].path)).toBe(true);
  });

  it("answers one JSON line per stdin line, in order, empty lines included", async () => {
    const r = await cli(["lookup", "--stdin", "--limit", "1"], "EBS 볼륨 타입\n\nGCP Cloud Run 가격\nkinesys\n");
    const lines = r.out.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(["EBS 볼륨 타입", "", "GCP Cloud Run 가격", "kinesys"]);
    expect(lines[0].results[0].heading).toBe("#28 EBS Volume Type");
    expect(lines[1].results).toEqual([]);
    expect(lines[2].results).toEqual([]);
    expect(lines[3].results[0].heading).toMatch(/Kinesis/);
  });

  it("says what to do on an empty query or a bad option", async () => {
    expect((await cli(["lookup"])).err).toMatch(/type what to look up/);
    expect((await cli(["lookup", "--limit", "0", "x"])).err).toMatch(/--limit must be a whole number from 1 to 50/);
    expect((await cli(["lookup", "--frobnicate"])).code).toBe(2);
  });

  it("says so when nothing matches", async () => {
    const r = await cli(["lookup", "맛집", "추천"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no section of the notes answers/);
  });
});

describe("studybot", () => {
  it("lists commands, and refuses an unknown one", async () => {
    expect((await cli(["--help"])).out).toMatch(/lookup/);
    const r = await cli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "frobnicate"/);
  });
});
