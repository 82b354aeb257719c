import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

describe("loadConfig", () => {
  it("runs on embedded defaults with no variables at all", () => {
    const c = loadConfig({}, "/srv/app");
    expect(c.discord).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.databasePath).toBe("/srv/app/data/studybot.db");
    expect(c.notesDir).toBe("/srv/app/notes");
    expect(c.questionsDir).toBe("/srv/app/questions");
    expect(c.defaultTimezone).toBe("Asia/Seoul");
    expect(c.defaultLocale).toBe("ko");
    expect(c.port).toBeUndefined();
  });

  it("reads QUESTIONS_DIR=none as no question bank yet", () => {
    expect(loadConfig({ QUESTIONS_DIR: "none" }, "/srv/app").questionsDir).toBeNull();
    expect(loadConfig({ QUESTIONS_DIR: "./none-of-these" }, "/srv/app").questionsDir).toBe("/srv/app/none-of-these");
  });

  it("names the bad variable and says what is expected", () => {
    expect(() => loadConfig({ DEFAULT_TIMEZONE: "Mars/Phobos" })).toThrowError(/DEFAULT_TIMEZONE="Mars\/Phobos": must be an IANA time zone/);
    expect(() => loadConfig({ PORT: "eighty" })).toThrowError(/PORT/);
    expect(() => loadConfig({ DEFAULT_LOCALE: "fr" })).toThrowError(/DEFAULT_LOCALE="fr": must be ko or en/);
    expect(() => loadConfig({ DISCORD_API_URL: "not a url", DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456" })).toThrowError(/DISCORD_API_URL/);
  });

  it("asks for the missing half of a platform's credentials", () => {
    expect(() => loadConfig({ DISCORD_TOKEN: "abc" })).toThrowError(ConfigError);
    expect(() => loadConfig({ DISCORD_TOKEN: "abc" })).toThrowError(/DISCORD_APPLICATION_ID/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrowError(/SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/);
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: "s" })).toThrowError(/SLACK_BOT_TOKEN/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-wrong" })).toThrowError(/xapp-/);
  });

  it("starts a platform when its credentials are present", () => {
    const c = loadConfig({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "1234567890", SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_ORGANIZERS: "U1, U2", PORT: "8080" });
    expect(c.discord).toMatchObject({ token: "t", applicationId: "1234567890" });
    expect(c.slack).toMatchObject({ botToken: "xoxb-1", signingSecret: "s", organizers: ["U1", "U2"], port: 8080 });
  });

  it("treats empty variables as unset, every one alike", () => {
    expect(loadConfig({ DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" }).discord).toBeUndefined();
    const c = loadConfig({ PORT: "", DATABASE_PATH: " ", NOTES_DIR: "", DEFAULT_TIMEZONE: "", DEFAULT_LOCALE: "", LOG_LEVEL: "", SLACK_BOT_TOKEN: "" }, "/srv/app");
    expect(c.port).toBeUndefined();
    expect(c).toMatchObject({ databasePath: "/srv/app/data/studybot.db", notesDir: "/srv/app/notes", defaultTimezone: "Asia/Seoul", defaultLocale: "ko", logLevel: "info" });
  });

  it("says in plain words what a value must be, and accepts the usual spellings", () => {
    expect(() => loadConfig({ PORT: "abc" })).toThrowError(/PORT="abc": must be a port number, 1–65535/);
    expect(() => loadConfig({ PORT: "70000" })).toThrowError(/PORT="70000": must be a port number, 1–65535/);
    expect(loadConfig({ DEFAULT_LOCALE: "EN" }).defaultLocale).toBe("en");
    expect(loadConfig({ DEFAULT_LOCALE: "ko-KR" }).defaultLocale).toBe("ko");
    expect(loadConfig({ LOG_LEVEL: "DEBUG" }).logLevel).toBe("debug");
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrowError(/LOG_LEVEL="loud": must be one of fatal, error/);
  });
});
