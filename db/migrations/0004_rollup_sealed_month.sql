CREATE TABLE "rollup_sealed_month" (
	"month" date PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- Existing rollups have month rows at every level for every month: every month before the newest
-- one is sealed, and the newest month's fine-level month rows go (its day rows stay).
INSERT INTO "rollup_sealed_month" ("month")
	SELECT DISTINCT "period" FROM "execution_rollup" WHERE "level" = 'city' AND "grain" = 'm'
		AND "period" < (SELECT max("period") FROM "execution_rollup" WHERE "level" = 'city' AND "grain" = 'm');--> statement-breakpoint
DELETE FROM "execution_rollup" WHERE "level" IN ('line', 'unit') AND "grain" = 'm'
	AND "period" NOT IN (SELECT "month" FROM "rollup_sealed_month");
