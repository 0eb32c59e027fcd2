CREATE TABLE "alert" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_type" text NOT NULL,
	"subject_key" text NOT NULL,
	"period" text NOT NULL,
	"level" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"explanation" jsonb NOT NULL,
	"year" smallint NOT NULL,
	"dept_code" text,
	"func_code" text,
	"project_code" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"kind" text NOT NULL,
	"from_level" text,
	"to_level" text,
	"from_status" text,
	"to_status" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "alert_rule" (
	"type" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"params" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_rule_change" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_type" text NOT NULL,
	"scope_kind" text,
	"scope_code" text,
	"old_params" jsonb,
	"new_params" jsonb,
	"old_enabled" boolean,
	"new_enabled" boolean,
	"actor_user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"revert_of" integer
);
--> statement-breakpoint
CREATE TABLE "alert_rule_override" (
	"rule_type" text NOT NULL,
	"scope_kind" text NOT NULL,
	"scope_code" text NOT NULL,
	"params" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_delivery" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" text NOT NULL,
	"event_seq" bigint NOT NULL,
	"reason" text NOT NULL,
	"url" text NOT NULL,
	"format" text NOT NULL,
	"body" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_delivery_cursor" (
	"name" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_webhook" (
	"id" integer PRIMARY KEY NOT NULL,
	"url" text,
	"format" text NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP TABLE "execution_daily" CASCADE;--> statement-breakpoint
ALTER TABLE "quarantine" ADD COLUMN "resolved_batch_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_active_key" ON "alert" USING btree ("rule_type","subject_key","period") WHERE status in ('open', 'acknowledged');--> statement-breakpoint
CREATE INDEX "alert_year_status" ON "alert" USING btree ("year","status","level");--> statement-breakpoint
CREATE INDEX "alert_subject" ON "alert" USING btree ("rule_type","subject_key","period");--> statement-breakpoint
CREATE INDEX "alert_history_alert" ON "alert_history" USING btree ("alert_id","at");--> statement-breakpoint
CREATE INDEX "alert_rule_change_rule" ON "alert_rule_change" USING btree ("rule_type","at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_rule_override_key" ON "alert_rule_override" USING btree ("rule_type","scope_kind","scope_code");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_delivery_event" ON "alert_delivery" USING btree ("alert_id","event_seq");--> statement-breakpoint
CREATE INDEX "alert_delivery_due" ON "alert_delivery" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "alert_delivery_alert" ON "alert_delivery" USING btree ("alert_id");