-- Government debt (政府债务) records, and the kind of administrative unit on state-asset reports.
CREATE TABLE "debt_record" (
	"id" text PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint,
	"debt_type" text NOT NULL,
	"debt_limit" numeric(20, 2) NOT NULL,
	"balance" numeric(20, 2) NOT NULL,
	"issued" numeric(20, 2),
	"refinanced" numeric(20, 2),
	"principal_repaid" numeric(20, 2),
	"interest_paid" numeric(20, 2),
	"principal_due" numeric(20, 2),
	"interest_due" numeric(20, 2),
	"capacity" numeric(20, 2),
	"content_hash" text NOT NULL,
	"batch_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "debt_record_year" ON "debt_record" USING btree ("year","month","debt_type");
--> statement-breakpoint
-- 行政单位 ('admin') or 事业单位 ('institution') on an administrative report; null elsewhere.
ALTER TABLE "asset_report" ADD COLUMN "unit_type" text;
