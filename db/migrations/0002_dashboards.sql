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
CREATE INDEX "execution_rollup_cover" ON "execution_rollup" USING btree ("level","budget_kind","grain","period","dept_code","func_code","amount","payment_count") WHERE level in ('city', 'class', 'func', 'dept', 'deptFunc');--> statement-breakpoint
CREATE INDEX "payment_notable" ON "payment" USING btree ("budget_kind","fiscal_date","paid_at") WHERE amount >= 1000000;