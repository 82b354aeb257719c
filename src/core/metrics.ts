// What the core counts, for /metrics (src/server/metrics.ts implements it with prom-client). The core calls these
// and knows nothing of Prometheus; without a sink they do nothing.
import type { DeliveryKind } from "./delivery.js";

export interface CoreMetrics {
  answerRecorded(platform: string): void;
  cardPosted(platform: string): void;
  /** a round closed and its reveal delivered ("done"), or given up ("failed") */
  revealed(platform: string, outcome: "done" | "failed"): void;
  deliveryFailed(platform: string, kind: DeliveryKind): void;
  /** how long one lookup took in the core */
  lookupSeconds(seconds: number): void;
  /** how late a scheduled card was posted after its time */
  schedulerLagSeconds(seconds: number): void;
}

export const noMetrics: CoreMetrics = {
  answerRecorded: () => undefined,
  cardPosted: () => undefined,
  revealed: () => undefined,
  deliveryFailed: () => undefined,
  lookupSeconds: () => undefined,
  schedulerLagSeconds: () => undefined,
};
