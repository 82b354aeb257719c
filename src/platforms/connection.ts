// Whether a platform's live connection (Discord's gateway, Slack's Socket Mode) is up, and since when: /healthz
// reports it, and calls the process unhealthy when it has been down too long. Times come from the bot's clock.

export interface ConnectionState {
  up: boolean;
  since: Date;
}

export class ConnectionTracker {
  private state: ConnectionState;

  constructor(private readonly now: () => Date) {
    this.state = { up: false, since: now() };
  }

  up(): void {
    if (!this.state.up) this.state = { up: true, since: this.now() };
  }

  down(): void {
    if (this.state.up) this.state = { up: false, since: this.now() };
  }

  get current(): ConnectionState {
    return this.state;
  }
}

/** A failure the platform cannot recover from (a rejected token, intents it may not use): the process must end. */
export type FatalHandler = (message: string, err?: unknown) => void;
