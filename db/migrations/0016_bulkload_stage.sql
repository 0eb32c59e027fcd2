-- Bulk loads of closed years (the worker's --bulk; src/lib/server/ingest/bulk-*.ts). A load's payment
-- batches are staged (bulk_batch keeps each batch's ack, bulk_payment_stage its payments), then one
-- transaction moves the whole load into payment and the rollup and records it in bulk_load.
CREATE TABLE "bulk_batch" (
	"batch_id" text PRIMARY KEY NOT NULL,
	"load_id" text NOT NULL,
	"part" integer NOT NULL,
	"source" text NOT NULL,
	"record_count" integer NOT NULL,
	"staged" integer NOT NULL,
	"ack" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "bulk_batch_load" ON "bulk_batch" USING btree ("load_id","part");
--> statement-breakpoint
CREATE TABLE "bulk_payment_stage" (
	"id" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"budget_kind" text NOT NULL,
	"dept_code" text NOT NULL,
	"agency_code" text,
	"func_code" text NOT NULL,
	"econ_code" text NOT NULL,
	"project_code" text,
	"amount" numeric(20, 2) NOT NULL,
	"pay_type" text,
	"payee" text,
	"payee_kind" text,
	"purpose" text,
	"content_hash" text NOT NULL,
	"batch_id" text NOT NULL,
	"ord" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulk_load" (
	"load_id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"batches" integer NOT NULL,
	"staged" integer NOT NULL,
	"accepted" integer NOT NULL,
	"duplicates" integer NOT NULL,
	"conflicts" integer NOT NULL,
	"years" smallint[] NOT NULL,
	"answer" jsonb NOT NULL,
	"committed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"evaluated_at" timestamp with time zone
);
