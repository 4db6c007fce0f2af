CREATE TABLE "held_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"pipeline_id" text NOT NULL,
	"state" text NOT NULL,
	"payload" jsonb NOT NULL,
	"held_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_controls" (
	"pipeline_id" text PRIMARY KEY NOT NULL,
	"paused_at" timestamp with time zone,
	"paused_by" text,
	"pause_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_occurrences" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"problem_id" bigint NOT NULL,
	"run_id" uuid NOT NULL,
	"pipeline_version" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pipeline_id" text NOT NULL,
	"failed_state" text NOT NULL,
	"signature" text NOT NULL,
	"error_name" text NOT NULL,
	"sample_message" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"occurrences" integer DEFAULT 0 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reopened_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"triaged_by" text,
	"triaged_at" timestamp with time zone,
	"triage_note" text
);
--> statement-breakpoint
ALTER TABLE "held_steps" ADD CONSTRAINT "held_steps_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_occurrences" ADD CONSTRAINT "problem_occurrences_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_occurrences" ADD CONSTRAINT "problem_occurrences_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "held_steps_run_state_uq" ON "held_steps" USING btree ("run_id","state");--> statement-breakpoint
CREATE INDEX "held_steps_pipeline_idx" ON "held_steps" USING btree ("pipeline_id","id");--> statement-breakpoint
CREATE INDEX "problem_occurrences_problem_idx" ON "problem_occurrences" USING btree ("problem_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "problem_occurrences_run_idx" ON "problem_occurrences" USING btree ("run_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "problems_signature_uq" ON "problems" USING btree ("pipeline_id","failed_state","signature");--> statement-breakpoint
CREATE INDEX "problems_last_seen_idx" ON "problems" USING btree ("last_seen_at" DESC NULLS LAST,"id" DESC NULLS LAST);