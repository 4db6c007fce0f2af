-- The audit trail is append-only at the database level: UPDATE, DELETE and TRUNCATE are refused.
CREATE OR REPLACE FUNCTION signalbox_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION signalbox_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION signalbox_refuse_audit_change();
--> statement-breakpoint
-- Active runs are what the console counts most: keep that index small.
CREATE INDEX runs_active_pipeline_state_idx ON runs (pipeline_id, state) WHERE status IN ('running', 'waiting');
