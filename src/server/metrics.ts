// /metrics in Prometheus' text format (prom-client): what the core counts (CoreMetrics), the platforms'
// connections, and the process's own metrics. One registry per app, so several apps in one process (tests) keep
// their counts apart.
import client from "prom-client";
import type { DeliveryKind } from "../core/delivery.js";
import type { CoreMetrics } from "../core/metrics.js";
import type { AppServer } from "./http.js";

export class Metrics implements CoreMetrics {
  readonly registry = new client.Registry();
  private readonly answers = new client.Counter({ name: "studybot_answers_recorded_total", help: "Answers recorded, by platform", labelNames: ["platform"], registers: [this.registry] });
  private readonly posted = new client.Counter({ name: "studybot_cards_posted_total", help: "Question cards posted, by platform", labelNames: ["platform"], registers: [this.registry] });
  private readonly reveals = new client.Counter({ name: "studybot_reveals_total", help: "Reveals, by platform and outcome (done or failed)", labelNames: ["platform", "outcome"], registers: [this.registry] });
  private readonly failures = new client.Counter({
    name: "studybot_delivery_failures_total",
    help: "Failed tries to post or reveal a card, by platform and kind",
    labelNames: ["platform", "kind"],
    registers: [this.registry],
  });
  private readonly lookups = new client.Histogram({
    name: "studybot_lookup_seconds",
    help: "Time the core took for one lookup",
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1],
    registers: [this.registry],
  });
  private readonly lag = new client.Gauge({ name: "studybot_scheduler_lag_seconds", help: "How late the last scheduled card was posted after its time", registers: [this.registry] });

  constructor() {
    client.collectDefaultMetrics({ register: this.registry, prefix: "studybot_" });
  }

  answerRecorded(platform: string): void {
    this.answers.inc({ platform });
  }
  cardPosted(platform: string): void {
    this.posted.inc({ platform });
  }
  revealed(platform: string, outcome: "done" | "failed"): void {
    this.reveals.inc({ platform, outcome });
  }
  deliveryFailed(platform: string, kind: DeliveryKind): void {
    this.failures.inc({ platform, kind });
  }
  lookupSeconds(seconds: number): void {
    this.lookups.observe(seconds);
  }
  schedulerLagSeconds(seconds: number): void {
    this.lag.set(seconds);
  }

  /** Serves GET /metrics on the server. */
  mount(server: AppServer): () => void {
    return server.route("GET", "/metrics", async (_req, res) => {
      const text = await this.registry.metrics();
      res.writeHead(200, { "content-type": this.registry.contentType });
      res.end(text);
    });
  }
}
