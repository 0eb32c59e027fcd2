CREATE TABLE "asset_report" (
	"id" text PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"category" text NOT NULL,
	"entity_code" text NOT NULL,
	"entity_name" text NOT NULL,
	"figures" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"batch_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_unit" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classification_code" (
	"scheme" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	CONSTRAINT "classification_code_scheme_code_pk" PRIMARY KEY("scheme","code")
);
--> statement-breakpoint
CREATE TABLE "execution_daily" (
	"fiscal_date" date NOT NULL,
	"budget_kind" text NOT NULL,
	"dept_code" text NOT NULL,
	"agency_code" text NOT NULL,
	"func_code" text NOT NULL,
	"econ_code" text NOT NULL,
	"project_code" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"payment_count" integer NOT NULL,
	CONSTRAINT "execution_daily_fiscal_date_budget_kind_dept_code_agency_code_func_code_econ_code_project_code_pk" PRIMARY KEY("fiscal_date","budget_kind","dept_code","agency_code","func_code","econ_code","project_code")
);
--> statement-breakpoint
CREATE TABLE "feed_status" (
	"source" text PRIMARY KEY NOT NULL,
	"last_received_at" timestamp with time zone NOT NULL,
	"last_record_at" timestamp with time zone,
	"last_batch_id" text,
	"total_records" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingest_batch" (
	"batch_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"record_count" integer NOT NULL,
	"accepted" integer NOT NULL,
	"duplicates" integer NOT NULL,
	"rejected_count" integer NOT NULL,
	"ack" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "live_event" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"audience" text DEFAULT 'all' NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment" (
	"id" text PRIMARY KEY NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"fiscal_date" date NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"budget_kind" text NOT NULL,
	"dept_code" text NOT NULL,
	"agency_code" text DEFAULT '' NOT NULL,
	"func_code" text NOT NULL,
	"econ_code" text NOT NULL,
	"project_code" text DEFAULT '' NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"pay_type" text,
	"payee" text,
	"payee_kind" text,
	"purpose" text,
	"content_hash" text NOT NULL,
	"batch_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_line" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" smallint NOT NULL,
	"budget_kind" text NOT NULL,
	"side" text NOT NULL,
	"dept_code" text DEFAULT '' NOT NULL,
	"func_code" text DEFAULT '' NOT NULL,
	"econ_code" text DEFAULT '' NOT NULL,
	"project_code" text DEFAULT '' NOT NULL,
	"subject_code" text DEFAULT '' NOT NULL,
	"project_name" text,
	"initial_amount" numeric(20, 2),
	"adjusted_amount" numeric(20, 2),
	"available_amount" numeric(20, 2) NOT NULL,
	"adjusted_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_record" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_line_id" integer NOT NULL,
	"stage" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"effective_on" date,
	"content_hash" text NOT NULL,
	"batch_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quarantine" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"batch_id" text NOT NULL,
	"kind" text NOT NULL,
	"record_index" integer,
	"record_id" text,
	"raw" jsonb,
	"reason" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" integer
);
--> statement-breakpoint
CREATE TABLE "revenue" (
	"id" text PRIMARY KEY NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"fiscal_date" date NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"budget_kind" text NOT NULL,
	"subject_code" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"content_hash" text NOT NULL,
	"batch_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revenue_daily" (
	"fiscal_date" date NOT NULL,
	"budget_kind" text NOT NULL,
	"subject_code" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"record_count" integer NOT NULL,
	CONSTRAINT "revenue_daily_fiscal_date_budget_kind_subject_code_pk" PRIMARY KEY("fiscal_date","budget_kind","subject_code")
);
--> statement-breakpoint
CREATE TABLE "app_user" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "app_user_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "ingest_key" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "ingest_key_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" text PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "asset_report_period" ON "asset_report" USING btree ("period","category");--> statement-breakpoint
CREATE INDEX "execution_daily_dept" ON "execution_daily" USING btree ("dept_code","fiscal_date");--> statement-breakpoint
CREATE INDEX "ingest_batch_received" ON "ingest_batch" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "payment_dept_date" ON "payment" USING btree ("dept_code","fiscal_date");--> statement-breakpoint
CREATE INDEX "payment_year_date" ON "payment" USING btree ("fiscal_year","fiscal_date");--> statement-breakpoint
CREATE INDEX "payment_paid_at_brin" ON "payment" USING brin ("paid_at");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_line_key" ON "plan_line" USING btree ("year","budget_kind","side","dept_code","func_code","econ_code","project_code","subject_code");--> statement-breakpoint
CREATE INDEX "plan_line_dept" ON "plan_line" USING btree ("year","dept_code");--> statement-breakpoint
CREATE INDEX "quarantine_received" ON "quarantine" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "revenue_year_date" ON "revenue" USING btree ("fiscal_year","fiscal_date");--> statement-breakpoint
CREATE INDEX "session_user" ON "session" USING btree ("user_id");