CREATE TABLE "idle_workers" (
	"worker_id" text PRIMARY KEY NOT NULL,
	"pool_id" text NOT NULL,
	"listen_pid" integer NOT NULL,
	"listen_started_at" timestamp with time zone NOT NULL,
	"claim_seq" bigint NOT NULL,
	"pipelines" jsonb NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL
);
