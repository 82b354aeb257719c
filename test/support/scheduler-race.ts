// Several bot processes on one database at the same instant: each runs test/engine/scheduler-process.ts (the
// scheduler's start-up catch-up, many times over) once all of them are ready, and reports the rounds it posted.
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** The round ids each process posted, on the database at `location` (a SQLite file or a PostgreSQL URL). */
export async function raceSchedulerProcesses(location: string, instant: string, processes = 2): Promise<string[][]> {
  const children = Array.from({ length: processes }, () =>
    spawn(process.execPath, ["--import", "tsx", path.join(root, "test/engine/scheduler-process.ts"), location, instant], { cwd: root, stdio: ["pipe", "pipe", "pipe"] }),
  );
  const outputs = children.map((c) => {
    let out = "";
    let err = "";
    c.stdout.on("data", (d: Buffer) => (out += d.toString()));
    c.stderr.on("data", (d: Buffer) => (err += d.toString()));
    return {
      ready: new Promise<void>((resolve) => c.stdout.on("data", () => out.includes("ready") && resolve())),
      done: new Promise<string>((resolve, reject) => c.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(err))))),
    };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const c of children) c.stdin.write("go\n");
  const outs = await Promise.all(outputs.map((o) => o.done));
  return outs.map((o) => o.split("\n").flatMap((line) => (line.startsWith("posted ") ? [line.slice("posted ".length)] : [])));
}
