// /lookup through the real Bolt App: signed slash commands in, the reply recorded where Slack would receive
// it (the response_url), checked call by call. The notes are the shipped ones plus one fixture section far over
// Slack's limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ts as t } from "../../src/platforms/slack/messages.js";
import { blockText, repliesTo, startHarness, USERS, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => h.standIn.clear());

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Array<{ action_id?: string; value?: string; text?: string | { text: string } }> };

function reply(responseUrl: string): { response_type: string; text: string; blocks: Block[] } {
  const posts = repliesTo(h, responseUrl);
  expect(posts).toHaveLength(1);
  return posts[0] as { response_type: string; text: string; blocks: Block[] };
}

const buttons = (blocks: Block[], blockId: string) => blocks.find((b) => b.block_id === blockId)?.elements?.map((e) => ({ action_id: e.action_id, value: e.value })) ?? [];
const sectionTexts = (blocks: Block[]) => blocks.filter((b) => b.type === "section").map((b) => b.text!.text);

describe("/lookup", () => {
  it("answers a Korean query privately with the best section, its breadcrumb and source, and more matches to open", async () => {
    const res = await h.command(USERS.mina, "/lookup", "람다 타임아웃");
    // The ack: an empty 200, well within Slack's 3 seconds; the answer comes through the response_url.
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
    expect(res.ms).toBeLessThan(3000);
    // The only Web API call: who is asking (name and Slack language), remembered for the next few minutes.
    expect(h.standIn.calls.map((c) => [c.method, c.args.user, c.args.include_locale])).toEqual([["users.info", USERS.mina.id, "true"]]);
    const r = reply(res.responseUrl);
    expect(r.response_type).toBe("ephemeral");
    expect(r.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "10. Lambda", emoji: true } });
    expect(blockText([r.blocks[1]])).toBe("AWS Certified Developer Associate 자격증 이론 정리 › 10. Lambda · notes/dva-theory.txt 410행");
    expect(sectionTexts(r.blocks).join("\n")).toContain("Lambda 함수의 Timeout은 기본 3초이며 최대 15분까지 설정 가능");
    expect(buttons(r.blocks, "lookup_share")).toEqual([{ action_id: "lookup_share", value: "section:notes/dva-theory.txt#410" }]);
    expect(buttons(r.blocks, "lookup_more")).toContainEqual({ action_id: "lookup_open:0", value: "section:notes/aws-services-overview.md#31" });
    expect(r.text).toBe("노트: AWS Certified Developer Associate 자격증 이론 정리 › 10. Lambda");
  });

  it("answers the same question asked in English, in the member's Slack language unless the group sets one", async () => {
    // Alex's Slack is in English (users.info → en-US) and the group has no language set: English labels.
    const en = reply((await h.command(USERS.alex, "/lookup", "lambda timeout")).responseUrl);
    expect(en.blocks[0]!.text!.text).toBe("10. Lambda");
    expect(blockText([en.blocks[1]])).toBe("AWS Certified Developer Associate 자격증 이론 정리 › 10. Lambda · notes/dva-theory.txt, line 410");
    expect(blockText(en.blocks)).toContain("More matches");
    expect(buttons(en.blocks, "lookup_share")[0]).toEqual({ action_id: "lookup_share", value: "section:notes/dva-theory.txt#410" });

    // An organiser from SLACK_ORGANIZERS sets the group's language: it wins over the member's own.
    const cfg = await h.command(USERS.listed, "/studybot", "config language=ko");
    expect(reply(cfg.responseUrl).text).toMatch(/^✅ 설정을 저장했어요\.\n언어 ko · 시간대 Asia\/Seoul/);
    const ko = reply((await h.command(USERS.alex, "/lookup", "lambda timeout")).responseUrl);
    expect(blockText([ko.blocks[1]])).toBe("AWS Certified Developer Associate 자격증 이론 정리 › 10. Lambda · notes/dva-theory.txt 410행");

    const auto = await h.command(USERS.listed, "/studybot", "config language=auto");
    expect(reply(auto.responseUrl).text).toMatch(/^✅ 설정을 저장했어요\.\n언어 멤버별/); // Dong's own Slack is in Korean
    // Alex's profile was looked up once; the organiser's once; nothing else was called.
    expect(h.standIn.calls.map((c) => [c.method, c.args.user])).toEqual([
      ["users.info", USERS.alex.id],
      ["users.info", USERS.listed.id],
    ]);
  });

  it("shows the longest shipped note section whole, within Block Kit limits, from a 'more matches' button", async () => {
    const shipped = h.sections.filter((s) => s.file.startsWith("notes/"));
    const longest = shipped.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    expect(longest.heading).toBe("#97 RDS Features");

    const res = await h.click(USERS.mina, { action_id: "lookup_open:0", block_id: "lookup_more", value: `section:${longest.file}#${longest.line}` }, { ephemeral: true });
    expect(res.status).toBe(200);
    const posted = h.standIn.responses.at(-1)!;
    expect(posted.status).toBe(200); // the stand-in accepted the blocks (it refuses what Slack refuses)
    const r = posted.body as { response_type: string; replace_original: boolean; blocks: Block[] };
    expect(r.response_type).toBe("ephemeral");
    expect(r.replace_original).toBe(false); // the list of matches stays
    const text = sectionTexts(r.blocks);
    expect(text).toHaveLength(1);
    expect(text[0]!.length).toBeLessThanOrEqual(3000);
    // Whole: its last line is there, and nothing says it was trimmed.
    const lastLine = longest.text.trim().split("\n").at(-1)!.replace(/^\s*[-*+]\s+/, "").trim();
    expect(text[0]).toContain(lastLine.slice(0, 40));
    expect(blockText(r.blocks)).not.toContain("✂️");
  });

  it("trims a section over Slack's limits at a line, across two sections, and says where the rest is", async () => {
    const res = await h.command(USERS.mina, "/lookup", "DynamoDB 파티션 설계");
    const posted = h.standIn.responses.at(-1)!;
    expect(posted.status).toBe(200);
    const r = reply(res.responseUrl);
    expect(r.blocks[0]!.text!.text).toBe("DynamoDB 파티션 설계 총정리");
    const text = sectionTexts(r.blocks);
    expect(text).toHaveLength(2);
    for (const s of text) expect(s.length).toBeLessThanOrEqual(3000);
    // The code block was split between the two sections and each piece balances its fences.
    for (const s of text) expect((s.match(/```/g) ?? []).length % 2).toBe(0);
    expect(text.join("\n")).toContain("&lt;sort key&gt;");
    expect(blockText(r.blocks)).toContain(`✂️ ${t("ko", "lookup.trimmed", { file: "test/slack/fixtures/notes/long-note.md", line: 5 })}`);
    expect(blockText(r.blocks)).not.toContain("마지막 줄");
    expect(r.blocks.length).toBeLessThanOrEqual(50);
  });

  it("shares a section in the channel for everyone, naming who shared it", async () => {
    const res = await h.click(USERS.mina, { action_id: "lookup_share", block_id: "lookup_share", value: "section:notes/dva-theory.txt#410" }, { ephemeral: true });
    const r = repliesTo(h, res.responseUrl)[0] as { response_type: string; blocks: Block[] };
    expect(r.response_type).toBe("in_channel");
    expect(r.blocks[0]!.text!.text).toBe("10. Lambda");
    expect(blockText(r.blocks)).toContain("<@U0MINA0001> 님이 공유한 노트");
    expect(buttons(r.blocks, "lookup_share")).toEqual([]); // no share button on the shared copy
  });

  it("says when nothing matches, and what to do about an empty or forged request", async () => {
    const none = reply((await h.command(USERS.mina, "/lookup", "zzqxj")).responseUrl);
    expect(none.blocks[0]!.text!.text).toBe(t("ko", "lookup.none", { query: "zzqxj" }));
    expect(blockText(none.blocks)).toContain(t("ko", "lookup.try_other"));

    const empty = reply((await h.command(USERS.mina, "/lookup", "   ")).responseUrl);
    expect(empty).toEqual({ response_type: "ephemeral", text: t("ko", "option.missing", { command: "/lookup", name: "query", example: "/lookup 람다 타임아웃" }) });

    const forged = await h.click(USERS.mina, { action_id: "lookup_open:0", block_id: "lookup_more", value: "section:../../etc/passwd#1" }, { ephemeral: true });
    expect(repliesTo(h, forged.responseUrl)).toEqual([{ response_type: "ephemeral", replace_original: false, text: t("ko", "lookup.section_gone") }]);
    expect(h.standIn.calls).toEqual([]); // Mina's profile is still remembered
  });
});
