ALTER TABLE "runs" ADD COLUMN "retry_from" jsonb;--> statement-breakpoint
-- The retry point moves out of the error blob into its own column; errors get a `kind`.
UPDATE "runs" SET "retry_from" = "error" -> 'fromValue' WHERE "error" ? 'fromValue';--> statement-breakpoint
UPDATE "runs" SET "error" = CASE
    WHEN "error" ? 'fromValue' THEN ("error" - 'fromValue') || '{"kind":"step_failed"}'::jsonb
    WHEN "error" ->> 'code' = 'STEP_EVENT_UNHANDLED' THEN ("error" - 'code') || '{"kind":"step_event_unhandled"}'::jsonb
    ELSE "error" || '{"kind":"definition"}'::jsonb
  END
  WHERE "error" IS NOT NULL AND jsonb_typeof("error") = 'object' AND NOT "error" ? 'kind';
