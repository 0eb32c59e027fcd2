DROP TABLE "execution_daily" CASCADE;--> statement-breakpoint
ALTER TABLE "quarantine" ADD COLUMN "resolved_batch_id" text;