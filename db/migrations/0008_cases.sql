-- Cases (问题线索): the findings (alert rows) grouped by subject, cause and period; one level, one
-- lifecycle, one history. Filled and kept in step by the engine (src/lib/server/cases/sync.ts);
-- alerts stored before this migration are grouped into cases at first start (keeping their history).
CREATE TABLE "alert_case" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_key" text NOT NULL,
	"cause" text NOT NULL,
	"subject" text NOT NULL,
	"period" text NOT NULL,
	"year" smallint NOT NULL,
	"level" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"amount" numeric(20, 2) DEFAULT '0' NOT NULL,
	"dept_code" text,
	"func_code" text,
	"project_code" text,
	"headline_alert_id" integer,
	"finding_count" integer DEFAULT 0 NOT NULL,
	"fact_from" date,
	"fact_to" date,
	"closed_by_year_close" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alert_case_active_key" ON "alert_case" USING btree ("case_key") WHERE status in ('open', 'acknowledged');--> statement-breakpoint
CREATE INDEX "alert_case_year_status" ON "alert_case" USING btree ("year","status","level");--> statement-breakpoint
CREATE INDEX "alert_case_scope" ON "alert_case" USING btree ("year","dept_code");--> statement-breakpoint
CREATE INDEX "alert_case_facts" ON "alert_case" USING btree ("fact_from","fact_to");--> statement-breakpoint
CREATE TABLE "alert_case_finding" (
	"case_id" integer NOT NULL,
	"alert_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "alert_case_finding_pk" PRIMARY KEY("case_id","alert_id")
);
--> statement-breakpoint
CREATE INDEX "alert_case_finding_alert" ON "alert_case_finding" USING btree ("alert_id");--> statement-breakpoint
CREATE TABLE "alert_case_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"kind" text NOT NULL,
	"from_level" text,
	"to_level" text,
	"from_status" text,
	"to_status" text,
	"note" text,
	"alert_id" integer
);
--> statement-breakpoint
CREATE INDEX "alert_case_history_case" ON "alert_case_history" USING btree ("case_id","at");--> statement-breakpoint
CREATE TABLE "fiscal_year_close" (
	"year" smallint PRIMARY KEY NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cases_closed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_setting" (
	"id" integer PRIMARY KEY NOT NULL,
	"year_close_on" text DEFAULT '03-31' NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
