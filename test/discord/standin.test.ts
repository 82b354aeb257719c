// The stand-in itself, proven against the real discord.js Client: login over REST + gateway, an interaction
// delivered and answered, heartbeats acknowledged, and a 429 that the client's REST layer waits out.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Client, Events, GatewayIntentBits, MessageFlags, type Interaction } from "discord.js";
import { DiscordStandIn } from "../support/discord-standin.js";

let standIn: DiscordStandIn;
let client: Client;

beforeEach(async () => {
  standIn = await DiscordStandIn.start();
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standIn.apiUrl } });
});

afterEach(async () => {
  await client.destroy();
  await standIn.stop();
});

async function login(): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(standIn.token);
  await ready;
}

describe("Discord API stand-in", () => {
  it("lets the real Client log in: gateway discovery over REST, IDENTIFY with the token, READY and the guild", async () => {
    await login();
    expect(standIn.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /gateway/bot"]);
    expect(standIn.requests[0]!.authorized).toBe(true);
    expect(standIn.identifies).toHaveLength(1);
    expect(standIn.identifies[0]!.intents).toBe(GatewayIntentBits.Guilds);
    expect(client.user?.id).toBe(standIn.botUserId);
    expect(client.application?.id).toBe(standIn.applicationId);
    expect(client.guilds.cache.get(standIn.guild.id)?.name).toBe("Study Group");
    expect(client.channels.cache.get(standIn.guild.channels[0]!.id)?.isTextBased()).toBe(true);
  });

  it("acknowledges a heartbeat the gateway asks for", async () => {
    await login();
    const before = standIn.heartbeatsAcked;
    const beat = await standIn.requestHeartbeat();
    expect(beat.op).toBe(1);
    expect(standIn.heartbeatsAcked).toBe(before + 1);
  });

  it("delivers INTERACTION_CREATE and records the reply the client posts", async () => {
    await login();
    const received = new Promise<Interaction>((resolve) => client.once(Events.InteractionCreate, resolve));
    client.on(Events.InteractionCreate, (i) => {
      if (i.isChatInputCommand()) void i.reply({ content: `pong ${i.options.getString("word")}`, flags: MessageFlags.Ephemeral });
    });
    const id = standIn.slashCommand({ name: "ping", user: { id: "42", username: "mina", locale: "en-US" }, options: [{ name: "word", type: 3, value: "hi" }] });
    const interaction = await received;
    expect(interaction.isChatInputCommand()).toBe(true);
    expect(interaction.locale).toBe("en-US");
    const callback = await standIn.callbackFor(id);
    expect(callback.path).toBe(`/interactions/${id}/itok-${id}/callback`);
    expect(callback.authorized).toBe(false);
    expect(callback.body).toEqual({ type: 4, data: expect.objectContaining({ content: "pong hi", flags: MessageFlags.Ephemeral }) });
  });

  it("refuses a second callback for the same interaction, as Discord does", async () => {
    await login();
    const errors: unknown[] = [];
    client.on(Events.InteractionCreate, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: "one" });
      // discord.js guards a second reply itself; go through REST to prove the stand-in refuses it too.
      await client.rest.post(`/interactions/${i.id}/${i.token}/callback`, { body: { type: 4, data: { content: "two" } }, auth: false }).catch((e) => errors.push(e));
    });
    const id = standIn.slashCommand({ name: "ping", user: { id: "42", username: "mina" } });
    await standIn.waitForRequest((r) => r.path.startsWith(`/interactions/${id}/`) && r.status === 400);
    expect(standIn.requests.filter((r) => r.path.startsWith(`/interactions/${id}/`)).map((r) => r.status)).toEqual([204, 400]);
  });

  it("answers 429 with retry-after and the client retries after waiting it out", async () => {
    await login();
    const channelId = standIn.guild.channels[0]!.id;
    standIn.rateLimit("POST", /^\/channels\/\d+\/messages$/, 0.2);
    const sent = (await client.rest.post(`/channels/${channelId}/messages`, { body: { content: "hello" } })) as { id: string };
    const posts = standIn.requests.filter((r) => r.method === "POST" && r.path === `/channels/${channelId}/messages`);
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(200);
    expect(standIn.message(sent.id)?.content).toBe("hello");
  });
});
