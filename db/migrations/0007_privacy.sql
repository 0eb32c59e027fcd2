CREATE TABLE "person_name" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "person_name_name_unique" UNIQUE("name")
);
--> statement-breakpoint
-- Hand-written from here. Every insert into payment, whatever path it takes (ingest, seeding,
-- benchmarks), adds the names of its person payees (a payee is a person unless its kind is 'org').
-- In name order, so two inserts adding the same names cannot deadlock.
CREATE FUNCTION "person_name_from_payments"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "person_name" ("name")
		SELECT DISTINCT "payee" FROM "inserted_payments"
		WHERE "payee" IS NOT NULL AND "payee_kind" IS DISTINCT FROM 'org' AND char_length("payee") >= 2
		ORDER BY 1
		ON CONFLICT ("name") DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "payment_person_names" AFTER INSERT ON "payment"
	REFERENCING NEW TABLE AS "inserted_payments"
	FOR EACH STATEMENT EXECUTE FUNCTION "person_name_from_payments"();--> statement-breakpoint
-- The names of the payments stored before.
INSERT INTO "person_name" ("name")
	SELECT DISTINCT "payee" FROM "payment"
	WHERE "payee" IS NOT NULL AND "payee_kind" IS DISTINCT FROM 'org' AND char_length("payee") >= 2
	ORDER BY 1
	ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
-- Large-payment alerts no longer carry the payee and 用途 in their explanation (the alert page shows
-- the payment through the privacy rule): remove them from the alerts raised before.
UPDATE "alert" SET "explanation" = jsonb_set("explanation", '{inputs}', (
		SELECT coalesce(jsonb_agg("input" ORDER BY "n"), '[]'::jsonb)
		FROM jsonb_array_elements("explanation"->'inputs') WITH ORDINALITY AS x("input", "n")
		WHERE "input"->'label'->>'en' NOT IN ('payee', 'purpose')))
	WHERE "rule_type" = 'largePayment' AND jsonb_typeof("explanation"->'inputs') = 'array';
