// Delivery of severe alerts to a group-chat webhook: the configured target, a durable queue that
// is retried with backoff until delivered or given up, and how far the alert events were read.
import {
	bigint,
	bigserial,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { tsz } from './columns';

/**
 * The webhook set on the settings page (one row, id 1). Without it ALERT_WEBHOOK_URL and
 * ALERT_WEBHOOK_FORMAT apply. `url` null with the row present means delivery was turned off.
 */
export const alertWebhook = pgTable('alert_webhook', {
	id: integer('id').primaryKey(),
	url: text('url'),
	/** `json` | `wecom` | `dingtalk` */
	format: text('format').notNull(),
	updatedBy: integer('updated_by'),
	updatedAt: tsz('updated_at').notNull().defaultNow()
});

/**
 * One message to send: a severe alert that was raised or escalated. The message is built when
 * queued, so a retry sends the same thing; one row per alert event (idempotent re-reads).
 */
export const alertDelivery = pgTable(
	'alert_delivery',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		alertId: text('alert_id').notNull(),
		/** The `alerts` live event it came from. */
		eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
		/** `opened` (new and severe) | `escalated` (raised to severe) */
		reason: text('reason').notNull(),
		url: text('url').notNull(),
		format: text('format').notNull(),
		/** What is POSTed (already in the target's format). */
		body: jsonb('body').notNull(),
		/** `pending` | `sent` | `failed` (gave up) */
		status: text('status').notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: tsz('next_attempt_at').notNull().defaultNow(),
		lastAttemptAt: tsz('last_attempt_at'),
		/** HTTP status or network error of the last attempt. */
		lastError: text('last_error'),
		createdAt: tsz('created_at').notNull().defaultNow(),
		sentAt: tsz('sent_at')
	},
	(t) => [
		uniqueIndex('alert_delivery_event').on(t.alertId, t.eventSeq),
		index('alert_delivery_due').on(t.status, t.nextAttemptAt),
		index('alert_delivery_alert').on(t.alertId)
	]
);

/** How far the delivery worker has read the `alerts` live events (one row per reader). */
export const alertDeliveryCursor = pgTable('alert_delivery_cursor', {
	name: text('name').primaryKey(),
	seq: bigint('seq', { mode: 'number' }).notNull()
});
