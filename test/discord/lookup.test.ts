// /lookup through the real discord.js Client: the reply and the autocomplete choices, for a Korean and an
// English query, asserted on the HTTP calls the bot makes to the stand-in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MessageFlags } from "discord.js";
import { startHarness, USERS, type Harness, type InteractionCallback as Body } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});


async function lookup(query: string, user = USERS.mina) {
  const id = h.standIn.slashCommand({ name: "lookup", user, options: [{ name: "query", type: 3, value: query }] });
  const callback = await h.standIn.callbackFor(id);
  return { id, callback, body: callback.body as Body };
}

async function autocomplete(typed: string, user = USERS.mina) {
  const id = h.standIn.autocomplete({ name: "lookup", user, options: [{ name: "query", type: 3, value: typed, focused: true }] });
  const callback = await h.standIn.callbackFor(id);
  return { id, callback, body: callback.body as { type: number; data: { choices: Array<{ name: string; value: string }> } } };
}

describe("/lookup", () => {
  it("answers a Korean query with the matching section in one call: breadcrumb, text, source", async () => {
    const { id, callback, body } = await lookup("람다 타임아웃");
    expect(h.standIn.calls().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /interactions/${id}/itok-${id}/callback`]);
    expect(callback.query).toEqual({ with_response: "false" });
    expect(body.type).toBe(4);
    expect(body.data.flags ?? 0).toBe(0); // public: the conversation it was asked in sees it
    const [embed] = body.data.embeds;
    expect(embed!.title).toBe("스터디 노트 › Lambda 제한");
    expect(embed!.description).toBe("- 메모리: 128MB ~ 10GB\n- 최대 실행 시간(Timeout): 900초 (15분)\n- 환경 변수: 최대 4KB\n- /tmp 임시 저장소: 512MB ~ 10GB");
    expect(embed!.footer!.text).toBe("notes/study.md 3행");
  });

  it("answers an English query, in English for an English client", async () => {
    const { body } = await lookup("visibility timeout", USERS.alex);
    const [embed] = body.data.embeds;
    expect(embed!.title).toBe("스터디 노트 › SQS Visibility Timeout");
    expect(embed!.description).toContain("Default visibility timeout: 30 seconds; maximum: 12 hours.");
    expect(embed!.footer!.text).toBe("notes/study.md, line 9");
  });

  it("trims a long section at a line with a marker, within the embed limits", async () => {
    const { body } = await lookup("스토리지 클래스");
    const [embed] = body.data.embeds;
    expect(embed!.title).toBe("스터디 노트 › S3 스토리지 클래스 전체 목록");
    const lines = embed!.description!.split("\n");
    expect(embed!.description!.length).toBeLessThanOrEqual(4096);
    expect(lines.at(-1)).toBe("…");
    expect(lines.slice(0, -1).every((l) => /^- \d{3}\. S3 Standard-IA .*Glacier\.$/.test(l))).toBe(true);
    expect(lines.length - 1).toBeLessThan(240);
  });

  it("says so, privately, when nothing matches", async () => {
    const { body } = await lookup("쿠버네티스 헬름 차트", USERS.alex);
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.embeds[0]!.description).toMatch(/^No note section matches “쿠버네티스 헬름 차트”\./);
  });

  it("autocompletes a Korean prefix with section choices whose value the command resolves", async () => {
    const { id, callback, body } = await autocomplete("람다");
    expect(callback.path).toBe(`/interactions/${id}/itok-${id}/callback`);
    expect(body).toEqual({ type: 8, data: { choices: [{ name: "study › Lambda 제한", value: "section:notes/study.md#3" }] } });
    // Picking the suggestion sends its value as the query: the section itself comes back.
    const picked = await lookup("section:notes/study.md#3");
    expect(picked.body.data.embeds[0]!.title).toBe("스터디 노트 › Lambda 제한");
  });

  it("autocompletes an English prefix, and never offers more than 25 choices", async () => {
    const { body } = await autocomplete("vis", USERS.alex);
    expect(body.data.choices).toEqual([{ name: "study › SQS Visibility Timeout", value: "section:notes/study.md#9" }]);
    const all = await autocomplete("");
    expect(all.body.data.choices.length).toBeGreaterThan(0);
    expect(all.body.data.choices.length).toBeLessThanOrEqual(25);
    for (const c of all.body.data.choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it("refuses an empty query privately, in the caller's language", async () => {
    const { body } = await lookup("   ", USERS.alex);
    expect(body).toEqual({ type: 4, data: expect.objectContaining({ content: "Type what to look up, e.g. /lookup lambda timeout", flags: MessageFlags.Ephemeral }) });
  });
});
