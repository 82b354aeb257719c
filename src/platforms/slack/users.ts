// Who a Slack user is, from users.info: the name to store with their answers, their Slack language (slash
// commands and clicks do not carry it), and whether they are a workspace admin or owner. Kept for a day; a click
// never waits for Slack (it takes what is known and refreshes it in the background), and the organiser check
// always asks Slack afresh.
import type { webApi } from "@slack/bolt";

export interface SlackProfile {
  userId: string;
  /** display name, else real name, else the username */
  name: string;
  /** e.g. "ko-KR"; absent when Slack did not say */
  locale?: string;
  /** workspace admin, owner or primary owner (and not a bot or deactivated) */
  admin: boolean;
}

export class SlackUsers {
  private readonly cache = new Map<string, { profile: SlackProfile; at: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly now: () => number,
    private readonly ttlMs = 24 * 3600_000,
    private readonly max = 5_000,
  ) {}

  /** What is known of the user without asking Slack (even if older than a day); null when nothing is. */
  known(userId: string): SlackProfile | null {
    return this.cache.get(userId)?.profile ?? null;
  }

  /** Whether the user's profile is missing or older than a day (worth a refresh in the background). */
  stale(userId: string): boolean {
    const hit = this.cache.get(userId);
    return !hit || this.now() - hit.at >= this.ttlMs;
  }

  /**
   * The user's profile: from the cache when younger than the TTL (unless `fresh`), else from users.info.
   * `fetched` says whether Slack was asked during this call. Throws Slack's error when users.info fails.
   */
  async get(userId: string, fresh = false): Promise<{ profile: SlackProfile; fetched: boolean }> {
    const now = this.now();
    const hit = this.cache.get(userId);
    if (!fresh && hit && now - hit.at < this.ttlMs) return { profile: hit.profile, fetched: false };
    const res = await this.client.users.info({ user: userId, include_locale: true });
    const u = res.user;
    const profile: SlackProfile = {
      userId,
      name: u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name || userId,
      ...(u?.locale ? { locale: u.locale } : {}),
      admin: Boolean(u && !u.deleted && !u.is_bot && (u.is_admin || u.is_owner || u.is_primary_owner)),
    };
    this.cache.delete(userId);
    this.cache.set(userId, { profile, at: now });
    if (this.cache.size > this.max) this.cache.delete(this.cache.keys().next().value!);
    return { profile, fetched: true };
  }
}
