// The platforms this process can post to. A platform registers its port when it is connected and unregisters
// it when it stops; the scheduler only handles schedules of platforms registered here.
import type { PlatformPort } from "./cards.js";

export class PortRegistry {
  private readonly ports = new Map<string, PlatformPort>();

  /** Registers `port` for `platform`; the returned function unregisters it (and nothing registered later). */
  register(platform: string, port: PlatformPort): () => void {
    this.ports.set(platform, port);
    return () => {
      if (this.ports.get(platform) === port) this.ports.delete(platform);
    };
  }

  get(platform: string): PlatformPort | undefined {
    return this.ports.get(platform);
  }

  has(platform: string): boolean {
    return this.ports.has(platform);
  }

  platforms(): string[] {
    return [...this.ports.keys()];
  }
}

/** Tells the scheduler that a schedule was created, changed or removed (it re-arms its cron jobs). */
export class ScheduleEvents {
  private readonly listeners = new Set<(change: { groupId: number; channelId: string }) => void>();

  on(listener: (change: { groupId: number; channelId: string }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: { groupId: number; channelId: string }, onError: (err: unknown) => void): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        onError(err);
      }
    }
  }
}
