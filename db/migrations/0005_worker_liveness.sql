CREATE TABLE "heartbeat_pulse" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_beat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"steady_since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "heartbeat_pulse_one_row" CHECK ("heartbeat_pulse"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "step_attempts" ADD COLUMN "claim_seq" bigint;--> statement-breakpoint
ALTER TABLE "worker_heartbeats" ADD COLUMN "beat_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "worker_heartbeats" ADD COLUMN "running_steps" text[] DEFAULT '{}'::text[] NOT NULL;