-- 政府收支分类科目 by year: the shipped reference table (the baseline of every year) and the tables a
-- city loads as `code` records. An entry applies from its year until a later entry for the same code;
-- classification_code keeps the name in effect (the latest entry) for the pages that join on it.
CREATE TABLE "classification_entry" (
	"scheme" text NOT NULL,
	"code" text NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"source" text NOT NULL,
	"batch_id" text,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "classification_entry_scheme_code_year_pk" PRIMARY KEY("scheme","code","year")
);
