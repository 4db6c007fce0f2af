ALTER TABLE "runs" ADD COLUMN "timers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "forked_from_run_id" uuid;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "forked_from_version" integer;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "forked_from_state" text;--> statement-breakpoint
ALTER TABLE "transitions" ADD COLUMN "state_value" jsonb;--> statement-breakpoint
ALTER TABLE "transitions" ADD COLUMN "context" jsonb;--> statement-breakpoint
ALTER TABLE "transitions" ADD COLUMN "context_patch" jsonb;--> statement-breakpoint
CREATE INDEX "runs_forked_from_idx" ON "runs" USING btree ("forked_from_run_id") WHERE "runs"."forked_from_run_id" is not null;