// Apps installed in workspaces through a platform's OAuth flow (Slack's, for many workspaces): one row per
// installation, its secrets sealed by the platform before they reach the store (the store never sees a token).
export interface InstallationRow {
  platform: string;
  /** the workspace (or enterprise organisation) the app is installed in */
  key: string;
  /** the installation as the platform sealed it (encrypted) */
  sealed: string;
  installedAt: Date;
}

export interface InstallationStore {
  /** stores the installation, replacing an earlier one of the same workspace (a reinstall) */
  saveInstallation(row: InstallationRow): Promise<void>;
  findInstallation(platform: string, key: string): Promise<InstallationRow | null>;
  /** false when there was none */
  deleteInstallation(platform: string, key: string): Promise<boolean>;
}
