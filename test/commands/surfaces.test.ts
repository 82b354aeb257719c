// Every command spec reaches every platform: registered on Discord, listed in the Slack manifest (and answered by
// the Slack app), dispatched by the console. Adding a spec to the list is enough for all three.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ALL_SPECS, MEMBER_SPECS, ORGANISER_GROUP, ORGANISER_SPECS, TOP_LEVEL } from "../../src/core/commands/index.js";
import { readCommand } from "../../src/core/commands/text.js";
import { commandDefinitions } from "../../src/platforms/discord/commands.js";
import { SLASH_COMMANDS } from "../../src/platforms/slack/handlers.js";
import { manifest } from "../../src/platforms/slack/manifest.js";

describe("one definition per command, on every platform", () => {
  it("Discord registers every member command and every organiser subcommand, with every option", () => {
    const defs = commandDefinitions();
    expect(defs.map((d) => d.name)).toEqual([...TOP_LEVEL]);
    for (const spec of MEMBER_SPECS) {
      const def = defs.find((d) => d.name === spec.name)!;
      expect((def.options ?? []).map((o) => o.name)).toEqual(Object.keys(spec.options));
      expect(def.default_member_permissions).toBeUndefined();
    }
    const group = defs.find((d) => d.name === ORGANISER_GROUP)!;
    // no default permission: organisers added with /studybot organisers add must see it; the handler checks
    expect(group.default_member_permissions).toBeUndefined();
    // every organiser spec is a subcommand, directly or inside its subcommand group
    type Node = { name: string; type: number; options?: Node[] };
    const registered = (group.options ?? []).flatMap((o: Node) => (o.type === 2 ? (o.options ?? []).map((sub) => ({ path: `${o.name} ${sub.name}`, node: sub })) : [{ path: o.name, node: o }]));
    expect(registered.map((r) => r.path)).toEqual(ORGANISER_SPECS.map((s) => [s.subgroup, s.name].filter(Boolean).join(" ")));
    for (const { path, node } of registered) {
      const spec = ORGANISER_SPECS.find((s) => [s.subgroup, s.name].filter(Boolean).join(" ") === path)!;
      expect((node.options ?? []).map((o) => o.name)).toEqual(Object.keys(spec.options));
    }
  });

  it("Discord sees required options first (it refuses a definition otherwise) and descriptions within 100 characters", () => {
    for (const spec of ALL_SPECS) {
      const required = Object.values(spec.options).map((o) => o.required === true);
      expect(required, spec.name).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
    const text = JSON.stringify(commandDefinitions());
    for (const m of text.matchAll(/"description":"((?:[^"\\]|\\.)*)"/g)) expect(m[1]!.length).toBeLessThanOrEqual(100);
  });

  it("the Slack manifest lists, and the Slack app answers, every top-level command", () => {
    const m = parse(JSON.stringify(manifest())) as { features: { slash_commands: Array<{ command: string; usage_hint: string }> } };
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(TOP_LEVEL.map((n) => `/${n}`));
    expect(SLASH_COMMANDS).toEqual(TOP_LEVEL.map((n) => `/${n}`));
    const studybot = m.features.slash_commands.find((c) => c.command === `/${ORGANISER_GROUP}`)!;
    for (const spec of ORGANISER_SPECS) expect(studybot.usage_hint).toContain(spec.name);
  });

  it("the console dispatches every command through the same specs", () => {
    for (const spec of MEMBER_SPECS) expect(readCommand(spec.name, "")).toMatchObject({ kind: "run", spec: { name: spec.name } });
    for (const spec of ORGANISER_SPECS) expect(readCommand(ORGANISER_GROUP, [spec.subgroup, spec.name].filter(Boolean).join(" "))).toMatchObject({ kind: "run", spec: { name: spec.name } });
  });
});
