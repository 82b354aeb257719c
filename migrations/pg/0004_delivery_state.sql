CREATE TABLE "health_checks" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"checked_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "post_state" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "reveal_state" text;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "delivery_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "next_attempt_at" bigint;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "schedules" ADD COLUMN "pause_reason" text;--> statement-breakpoint
ALTER TABLE "schedules" ADD COLUMN "pause_detail" text;--> statement-breakpoint
ALTER TABLE "schedules" ADD COLUMN "paused_at" bigint;--> statement-breakpoint
ALTER TABLE "schedules" ADD COLUMN "pause_noticed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "rounds_delivery_idx" ON "rounds" USING btree ("next_attempt_at");--> statement-breakpoint
-- Rounds before delivery states: a card with a message id was posted; one closed without it never reached the
-- channel; an open one without it (or taken over, message_id '') is pending and may be tried at once.
UPDATE "rounds" SET "post_state" = 'posted' WHERE "message_id" IS NOT NULL AND "message_id" <> '';--> statement-breakpoint
UPDATE "rounds" SET "post_state" = 'failed', "reveal_state" = 'failed' WHERE "post_state" = 'pending' AND "revealed_at" IS NOT NULL;--> statement-breakpoint
UPDATE "rounds" SET "reveal_state" = 'done' WHERE "post_state" = 'posted' AND "revealed_at" IS NOT NULL;--> statement-breakpoint
UPDATE "rounds" SET "message_id" = NULL, "next_attempt_at" = "opened_at" WHERE "post_state" = 'pending';
