-- Keyset orders of the runs list, one index per sort, ascending: the earlier DESC NULLS LAST indexes
-- could not serve ORDER BY ... DESC (NULLS FIRST), so every runs list sorted the whole table.
-- Plain CREATE INDEX (migrations run in a transaction): on a large table, apply during a quiet hour.
DROP INDEX "runs_created_idx";--> statement-breakpoint
DROP INDEX "runs_pipeline_created_idx";--> statement-breakpoint
DROP INDEX "runs_status_created_idx";--> statement-breakpoint
CREATE INDEX "audit_events_target_idx" ON "audit_events" USING btree ("target" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "quarantined_records_created_idx" ON "quarantined_records" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "runs_updated_idx" ON "runs" USING btree ("updated_at","created_at","id");--> statement-breakpoint
CREATE INDEX "runs_state_created_idx" ON "runs" USING btree ("state","created_at","id");--> statement-breakpoint
CREATE INDEX "runs_status_updated_idx" ON "runs" USING btree ("status","updated_at","created_at","id");--> statement-breakpoint
CREATE INDEX "runs_pipeline_status_updated_idx" ON "runs" USING btree ("pipeline_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "runs_parallel_state_idx" ON "runs" USING btree ("created_at","id") WHERE strpos("runs"."state", ',') > 0;--> statement-breakpoint
CREATE INDEX "runs_created_idx" ON "runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "runs_pipeline_created_idx" ON "runs" USING btree ("pipeline_id","created_at","id");--> statement-breakpoint
CREATE INDEX "runs_status_created_idx" ON "runs" USING btree ("status","created_at","id");