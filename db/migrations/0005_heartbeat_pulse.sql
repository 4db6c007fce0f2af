CREATE TABLE "heartbeat_pulse" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_beat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"steady_since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "heartbeat_pulse_one_row" CHECK ("heartbeat_pulse"."id" = 1)
);
