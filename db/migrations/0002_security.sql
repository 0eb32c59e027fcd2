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
CREATE INDEX "login_throttle_window" ON "login_throttle" USING btree ("window_started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "wall_display_claim_code" ON "wall_display" USING btree ("claim_code_hash");