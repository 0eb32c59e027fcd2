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
CREATE UNIQUE INDEX "alert_delivery_event" ON "alert_delivery" USING btree ("alert_id","event_seq");--> statement-breakpoint
CREATE INDEX "alert_delivery_due" ON "alert_delivery" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "alert_delivery_alert" ON "alert_delivery" USING btree ("alert_id");