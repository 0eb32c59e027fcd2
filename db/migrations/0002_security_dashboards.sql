CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wall_display" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"playlist" jsonb NOT NULL,
	"claim_code_hash" text,
	"claim_expires_at" timestamp with time zone,
	"credential_hash" text,
	"claimed_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" integer,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "execution_rollup" (
	"level" text NOT NULL,
	"budget_kind" text NOT NULL,
	"dept_code" text NOT NULL,
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"func_code" text NOT NULL,
	"econ_code" text NOT NULL,
	"agency_code" text NOT NULL,
	"project_code" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"payment_count" integer NOT NULL,
	CONSTRAINT "execution_rollup_pkey" PRIMARY KEY("level","budget_kind","dept_code","grain","period","func_code","econ_code","agency_code","project_code")
);
--> statement-breakpoint
CREATE INDEX "login_throttle_window" ON "login_throttle" USING btree ("window_started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "wall_display_claim_code" ON "wall_display" USING btree ("claim_code_hash");--> statement-breakpoint
CREATE INDEX "execution_rollup_cover" ON "execution_rollup" USING btree ("level","budget_kind","grain","period","dept_code","func_code","amount","payment_count") WHERE level in ('city', 'class', 'func', 'dept', 'deptFunc');--> statement-breakpoint
CREATE INDEX "payment_notable" ON "payment" USING btree ("budget_kind","fiscal_date","paid_at") WHERE amount >= 1000000;