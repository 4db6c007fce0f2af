CREATE SEQUENCE "public"."run_slot_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "concurrency_key" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "slot_seq" bigint;--> statement-breakpoint
CREATE INDEX "runs_concurrency_slot_idx" ON "runs" USING btree ("pipeline_id","concurrency_key","slot_seq") WHERE "runs"."concurrency_key" is not null and "runs"."status" in ('queued', 'running', 'waiting');