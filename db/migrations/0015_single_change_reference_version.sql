-- What the alert rules read on every ingest batch and what rarely changes (units and codes for
-- labels, rule settings and profiles, plan lines) is kept in memory by each app server and read
-- again only when this version moves (src/lib/server/alerts/reference-cache.ts). Every statement
-- that writes one of those tables moves it, in its own transaction: a reader sees the new version
-- exactly when it sees the new rows. Versions come from a sequence, so a rolled-back change never
-- leaves its number to a later one.
CREATE SEQUENCE "reference_version_seq";
--> statement-breakpoint
CREATE TABLE "reference_version" (
	"id" boolean PRIMARY KEY DEFAULT true CHECK ("id"),
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "reference_version" ("id", "version") VALUES (true, nextval('reference_version_seq'));
--> statement-breakpoint
CREATE FUNCTION "bump_reference_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "reference_version" SET "version" = nextval('reference_version_seq');
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "budget_unit_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "budget_unit"
	FOR EACH STATEMENT EXECUTE FUNCTION "bump_reference_version"();
--> statement-breakpoint
CREATE TRIGGER "classification_code_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "classification_code"
	FOR EACH STATEMENT EXECUTE FUNCTION "bump_reference_version"();
--> statement-breakpoint
CREATE TRIGGER "plan_line_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "plan_line"
	FOR EACH STATEMENT EXECUTE FUNCTION "bump_reference_version"();
--> statement-breakpoint
CREATE TRIGGER "alert_rule_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "alert_rule"
	FOR EACH STATEMENT EXECUTE FUNCTION "bump_reference_version"();
--> statement-breakpoint
CREATE TRIGGER "alert_rule_override_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "alert_rule_override"
	FOR EACH STATEMENT EXECUTE FUNCTION "bump_reference_version"();
--> statement-breakpoint
CREATE TRIGGER "alert_profile_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "alert_profile"
	FOR EACH STATEMENT EXECUTE FUNCTION "bump_reference_version"();
--> statement-breakpoint
-- An ingest group compares the line rules' findings with the active alerts of the departments it
-- touched: found by index, not by filtering every active alert of the rule.
CREATE INDEX "alert_active_dept" ON "alert" USING btree ("rule_type", "dept_code", "period") WHERE status in ('open', 'acknowledged');
