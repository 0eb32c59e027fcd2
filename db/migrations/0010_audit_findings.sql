-- Audit rectification (审计整改): the findings of an audit year's reports, item by item to 销号,
-- and every change made to them (who, when, old → new). Not the account audit log (audit_log).
CREATE TABLE "audit_finding" (
	"id" text PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"report" text,
	"unit_code" text,
	"unit_name" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"amount" numeric(20, 2),
	"type" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"amount_rectified" numeric(20, 2) DEFAULT '0' NOT NULL,
	"measures" text,
	"rules_issued" text,
	"accountability" text,
	"rectified_at" timestamp with time zone,
	"source" text NOT NULL,
	"content_hash" text,
	"batch_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_finding_type_check" CHECK ("type" IN ('immediate', 'staged', 'ongoing')),
	CONSTRAINT "audit_finding_status_check" CHECK ("status" IN ('open', 'partial', 'done', 'closed'))
);
--> statement-breakpoint
CREATE INDEX "audit_finding_year" ON "audit_finding" USING btree ("year", "unit_code");--> statement-breakpoint
CREATE INDEX "audit_finding_unit" ON "audit_finding" USING btree ("unit_code");--> statement-breakpoint
CREATE TABLE "audit_finding_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"finding_id" text NOT NULL REFERENCES "audit_finding"("id"),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"actor" text NOT NULL,
	"field" text NOT NULL,
	"old_value" text,
	"new_value" text
);
--> statement-breakpoint
CREATE INDEX "audit_finding_history_finding" ON "audit_finding_history" USING btree ("finding_id", "at");
