// Slack installs in many workspaces: Bolt's installationStore (@slack/oauth calls it at the end of the install flow,
// and for every request to find the workspace's token) kept in the database, each installation encrypted at rest
// with AES-256-GCM under SLACK_TOKEN_KEY. The store sees only the sealed text; a row sealed under another key, or
// altered, fails to open (GCM's tag) instead of yielding a wrong token.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Installation, InstallationQuery, InstallationStore, webApi } from "@slack/bolt";
import { DeliveryError } from "../../core/delivery.js";
import type { InstallationStore as Rows } from "../../core/store/index.js";
import { SLACK_PLATFORM, type SlackClients } from "./port.js";

const VERSION = "v1";
const IV_BYTES = 12;

/** "v1.<iv>.<tag>.<ciphertext>" (base64url): the text, encrypted and authenticated under the 32-byte key. */
export function seal(key: Buffer, text: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The text `seal` encrypted; throws when the key is another or the text was altered. */
export function unseal(key: Buffer, sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("not a sealed installation");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** An installation's key: its enterprise organisation for an org-wide install, else its workspace. */
export function installationKey(q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (q.teamId) return `T:${q.teamId}`;
  throw new Error("an installation names neither its workspace nor its organisation");
}

export class SealedInstallationStore implements InstallationStore {
  constructor(
    private readonly rows: Rows,
    private readonly key: Buffer,
    private readonly now: () => Date,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const key = installationKey({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id });
    // The installer is a member like any other: their user id is left out (nothing here reads it), so forgetting a
    // member leaves no trace of them in an installation either. The app asks no user scopes: no user token to keep.
    const kept: Installation = { ...installation, user: { ...installation.user, id: "" } };
    await this.rows.saveInstallation({ platform: SLACK_PLATFORM, key, sealed: seal(this.key, JSON.stringify(kept)), installedAt: this.now() });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = installationKey(query);
    const row = await this.rows.findInstallation(SLACK_PLATFORM, key);
    if (!row) throw new Error(`studybot is not installed in ${key}`);
    return JSON.parse(unseal(this.key, row.sealed)) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = installationKey(query);
    await this.rows.deleteInstallation(SLACK_PLATFORM, key);
  }

  /** The workspace's bot token; null when the app is not installed there. */
  async botToken(teamId: string): Promise<string | null> {
    const row = await this.rows.findInstallation(SLACK_PLATFORM, installationKey({ teamId }));
    return row ? ((JSON.parse(unseal(this.key, row.sealed)) as Installation).bot?.token ?? null) : null;
  }
}

/**
 * Each installed workspace's client, with the bot token of its installation as stored now: read for every call (one
 * indexed row), so that a reinstall or an uninstall handled by another process on the same database counts at once;
 * the client itself is kept while the token stays the same. A workspace without an installation is "uninstalled":
 * its schedules pause.
 */
export class InstalledWorkspaces implements SlackClients {
  private readonly clients = new Map<string, { token: string; client: webApi.WebClient }>();

  constructor(
    private readonly store: () => SealedInstallationStore,
    private readonly makeClient: (token: string) => webApi.WebClient,
  ) {}

  async forTeam(teamId: string): Promise<webApi.WebClient> {
    const token = await this.store().botToken(teamId);
    if (!token) {
      this.clients.delete(teamId);
      throw new DeliveryError("uninstalled", `studybot is not installed in Slack workspace ${teamId}`);
    }
    const known = this.clients.get(teamId);
    if (known?.token === token) return known.client;
    const client = this.makeClient(token);
    this.clients.set(teamId, { token, client });
    return client;
  }
}
