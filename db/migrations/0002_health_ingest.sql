CREATE TABLE "ingest_file_chunks" (
	"file_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "ingest_file_chunks_file_id_seq_pk" PRIMARY KEY("file_id","seq")
);
--> statement-breakpoint
CREATE TABLE "ingest_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sha256" text,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"chunks" integer DEFAULT 0 NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingest_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"record_number" integer NOT NULL,
	"line" integer,
	"kind" text NOT NULL,
	"raw" jsonb NOT NULL,
	"status" text DEFAULT 'staged' NOT NULL,
	"patient_id" text,
	"loinc_code" text,
	"value" double precision,
	"unit" text,
	"effective_at" timestamp with time zone,
	"canonical_value" double precision,
	"canonical_unit" text,
	"identifiers" jsonb,
	"disposition" text
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"patient_id" text NOT NULL,
	"loinc_code" text NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"original_value" double precision NOT NULL,
	"original_unit" text NOT NULL,
	"source_pipeline" text NOT NULL,
	"source_run_id" uuid NOT NULL,
	"source_record" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_links" (
	"system" text NOT NULL,
	"value" text NOT NULL,
	"patient_id" text NOT NULL,
	"run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_links_system_value_pk" PRIMARY KEY("system","value")
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" text PRIMARY KEY NOT NULL,
	"first_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quarantined_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"record_number" integer NOT NULL,
	"line" integer,
	"field" text NOT NULL,
	"reason" text NOT NULL,
	"raw_value" text,
	"stage" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ingest_file_chunks" ADD CONSTRAINT "ingest_file_chunks_file_id_ingest_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."ingest_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingest_records" ADD CONSTRAINT "ingest_records_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_links" ADD CONSTRAINT "patient_links_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarantined_records" ADD CONSTRAINT "quarantined_records_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ingest_files_sha256_uq" ON "ingest_files" USING btree ("sha256") WHERE "ingest_files"."complete";--> statement-breakpoint
CREATE UNIQUE INDEX "ingest_records_run_record_uq" ON "ingest_records" USING btree ("run_id","record_number");--> statement-breakpoint
CREATE UNIQUE INDEX "observations_natural_key_uq" ON "observations" USING btree ("patient_id","loinc_code","effective_at");--> statement-breakpoint
CREATE INDEX "observations_source_run_idx" ON "observations" USING btree ("source_run_id");--> statement-breakpoint
CREATE INDEX "patient_links_patient_idx" ON "patient_links" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quarantined_records_run_record_field_uq" ON "quarantined_records" USING btree ("run_id","record_number","field");