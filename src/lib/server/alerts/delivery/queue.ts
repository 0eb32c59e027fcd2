/**
 * The delivery queue: severe alerts waiting for the webhook with their message built, sent with
 * retries and backoff until delivered or given up; what staff see of it and their retry.
 */
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../../../../db/client';
import { alertDelivery } from '../../../../../db/schema/index';
import {
	acceptedBy,
	DEFAULT_RETRY,
	isWebhookFormat,
	maskWebhookUrl,
	retryDelay,
	webhookBody,
	type RetryPolicy,
	type SevereAlert,
	type WebhookFormat
} from '../../../domain/alert-webhook';
import { postJson, targetPolicy, type TargetPolicy } from './target';
import type { WebhookTarget } from './webhook';

/** Queues a severe alert for the target; the same alert event is queued once. */
export async function enqueue(
	ex: Executor,
	alert: SevereAlert,
	eventSeq: number,
	target: WebhookTarget
): Promise<void> {
	await ex
		.insert(alertDelivery)
		.values({
			alertId: alert.id,
			eventSeq,
			reason: alert.reason,
			url: target.url,
			format: target.format,
			body: webhookBody(target.format, alert)
		})
		.onConflictDoNothing();
}

export interface DeliveryRow {
	id: number;
	alertId: string;
	reason: string;
	format: string;
	/** The address without its query (robots' keys). */
	target: string;
	status: 'pending' | 'sent' | 'failed';
	attempts: number;
	nextAttemptAt: Date | null;
	lastAttemptAt: Date | null;
	lastError: string | null;
	createdAt: Date;
	sentAt: Date | null;
}

/** The deliveries of one alert, newest first, for its page. */
export async function deliveriesOf(ex: Executor, alertId: string): Promise<DeliveryRow[]> {
	const found = await ex
		.select()
		.from(alertDelivery)
		.where(eq(alertDelivery.alertId, alertId))
		.orderBy(desc(alertDelivery.id));
	return found.map(deliveryRow);
}

/** The newest deliveries of every alert, for the settings page. */
export async function recentDeliveries(ex: Executor, limit = 20): Promise<DeliveryRow[]> {
	return (await ex.select().from(alertDelivery).orderBy(desc(alertDelivery.id)).limit(limit)).map(
		deliveryRow
	);
}

function deliveryRow(d: typeof alertDelivery.$inferSelect): DeliveryRow {
	return {
		id: d.id,
		alertId: d.alertId,
		reason: d.reason,
		format: d.format,
		target: maskWebhookUrl(d.url),
		status: d.status as DeliveryRow['status'],
		attempts: d.attempts,
		nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
		lastAttemptAt: d.lastAttemptAt,
		lastError: d.lastError,
		createdAt: d.createdAt,
		sentAt: d.sentAt
	};
}

export interface SendOptions {
	policy?: RetryPolicy;
	/** Which addresses a webhook may reach (target.ts); by default from the environment. */
	targets?: TargetPolicy;
	/** How long one POST may take. */
	timeoutMs?: number;
	/** At most this many per round. */
	limit?: number;
}

/** A claimed delivery is not taken by another round (or server) for this long. */
const LEASE_MS = 60_000;

/**
 * Sends what is due. Rows are claimed first (their next attempt moved past the lease) so the HTTP
 * call holds no transaction and two app servers never send the same row at once.
 */
export async function sendDue(
	db: Db,
	options: SendOptions = {}
): Promise<{ sent: number; failed: number; retried: number }> {
	const policy = options.policy ?? DEFAULT_RETRY;
	const claimed = await rows<{
		id: number;
		url: string;
		format: string;
		body: unknown;
		attempts: number;
	}>(
		db,
		sql`update alert_delivery set next_attempt_at = now() + ${`${LEASE_MS} milliseconds`}::interval
			where id in (select id from alert_delivery where status = 'pending' and next_attempt_at <= now()
				order by next_attempt_at limit ${options.limit ?? 20} for update skip locked)
			returning id::int as id, url, format, body, attempts`
	);
	const outcome = { sent: 0, failed: 0, retried: 0 };
	for (const d of claimed) {
		const format = isWebhookFormat(d.format) ? d.format : 'json';
		const result = await post(d.url, d.body, format, options);
		const attempts = d.attempts + 1;
		if (result.ok) {
			outcome.sent++;
			await db
				.update(alertDelivery)
				.set({
					status: 'sent',
					attempts,
					lastAttemptAt: new Date(),
					sentAt: new Date(),
					lastError: null
				})
				.where(eq(alertDelivery.id, d.id));
			continue;
		}
		const wait = retryDelay(attempts, policy);
		if (wait === null) outcome.failed++;
		else outcome.retried++;
		await db
			.update(alertDelivery)
			.set({
				status: wait === null ? 'failed' : 'pending',
				attempts,
				lastAttemptAt: new Date(),
				lastError: result.error ?? 'failed',
				nextAttemptAt: new Date(Date.now() + (wait ?? 0))
			})
			.where(eq(alertDelivery.id, d.id));
	}
	return outcome;
}

async function post(
	url: string,
	body: unknown,
	format: WebhookFormat,
	options: SendOptions
): Promise<{ ok: boolean; error?: string }> {
	try {
		const response = await postJson(
			url,
			JSON.stringify(body),
			options.targets ?? targetPolicy(),
			options.timeoutMs ?? 10_000
		);
		return acceptedBy(format, response.status, response.text);
	} catch (err) {
		return { ok: false, error: networkError(err) };
	}
}

/** A network failure as staff can act on it: the innermost cause's code (ECONNREFUSED, …) or message. */
function networkError(err: unknown): string {
	let e = err as (Error & { code?: string; cause?: unknown; errors?: unknown[] }) | undefined;
	let text = (e as Error)?.name === 'TimeoutError' ? 'timeout' : ((e as Error)?.message ?? 'error');
	for (let depth = 0; e && depth < 5; depth++) {
		if (e.code)
			return `${e.code}${e.message && !e.message.includes(e.code) ? `: ${e.message}` : ''}`.slice(
				0,
				200
			);
		if (e.message) text = e.message;
		e = (e.cause ?? e.errors?.[0]) as typeof e;
	}
	return text.slice(0, 200);
}

/** Gives a failed delivery another round of attempts (staff, from the alert page). */
export async function retryDelivery(ex: Executor, id: number, alertId: string): Promise<boolean> {
	const updated = await ex
		.update(alertDelivery)
		.set({ status: 'pending', attempts: 0, nextAttemptAt: new Date() })
		.where(
			and(
				eq(alertDelivery.id, id),
				eq(alertDelivery.alertId, alertId),
				eq(alertDelivery.status, 'failed')
			)
		)
		.returning({ id: alertDelivery.id });
	return updated.length > 0;
}

/** Deliveries that are due now (for tests and health). */
export async function dueCount(ex: Executor): Promise<number> {
	const found = await ex
		.select({ n: sql<number>`count(*)::int` })
		.from(alertDelivery)
		.where(and(eq(alertDelivery.status, 'pending'), lte(alertDelivery.nextAttemptAt, new Date())));
	return found[0].n;
}
