/**
 * Severe alerts to a webhook, at least once: the engine's committed `alerts` events are read from
 * the database (a cursor, so nothing is missed across restarts and only one app server takes each
 * event), every severe opening or escalation is queued with its message already built, and the
 * queue is sent with retries and backoff until delivered or given up. The engine is not touched.
 *
 * Usage (server start): const stop = startAlertDelivery(database.db, describeAlert, { origin: env.ORIGIN, env });
 */
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { alertDelivery, alertDeliveryCursor, alertWebhook } from '../../../db/schema/index';
import { rows, type Db, type Executor } from '../../../db/client';
import {
	acceptedBy,
	DEFAULT_RETRY,
	isWebhookFormat,
	retryDelay,
	webhookBody,
	type RetryPolicy,
	type SevereAlert,
	type WebhookFormat
} from '../domain/alert-webhook';
import * as alerts from './alerts/index';
import * as audit from './audit';

export interface WebhookTarget {
	url: string;
	format: WebhookFormat;
	/** Where it is set: the settings page, or ALERT_WEBHOOK_URL / ALERT_WEBHOOK_FORMAT. */
	source: 'settings' | 'env';
}

export interface WebhookSetting {
	/** The target in force, or null when delivery is off. */
	target: WebhookTarget | null;
	/** Whether the settings page has overridden the environment (turning delivery off included). */
	overridden: boolean;
	env: { url: string | null; format: WebhookFormat };
	updatedAt: Date | null;
}

function envTarget(env: NodeJS.ProcessEnv): { url: string | null; format: WebhookFormat } {
	const format = env.ALERT_WEBHOOK_FORMAT ?? 'json';
	return {
		url: env.ALERT_WEBHOOK_URL?.trim() || null,
		format: isWebhookFormat(format) ? format : 'json'
	};
}

/** The webhook in force: the one saved on the settings page, else the environment's. */
export async function webhookSetting(
	ex: Executor,
	env: NodeJS.ProcessEnv = process.env
): Promise<WebhookSetting> {
	const [saved] = await ex.select().from(alertWebhook).where(eq(alertWebhook.id, 1));
	const fromEnv = envTarget(env);
	if (saved) {
		const format = isWebhookFormat(saved.format) ? saved.format : 'json';
		return {
			target: saved.url ? { url: saved.url, format, source: 'settings' } : null,
			overridden: true,
			env: fromEnv,
			updatedAt: saved.updatedAt
		};
	}
	return {
		target: fromEnv.url ? { ...fromEnv, url: fromEnv.url, source: 'env' } : null,
		overridden: false,
		env: fromEnv,
		updatedAt: null
	};
}

/** Saves the webhook (url null turns delivery off); `reset` goes back to the environment's. */
export async function saveWebhook(
	db: Db,
	change: { url: string | null; format: WebhookFormat } | 'reset',
	actor: { id: number; username: string },
	ip?: string
): Promise<void> {
	await db.transaction(async (tx) => {
		if (change === 'reset') await tx.delete(alertWebhook).where(eq(alertWebhook.id, 1));
		else
			await tx
				.insert(alertWebhook)
				.values({ id: 1, url: change.url, format: change.format, updatedBy: actor.id })
				.onConflictDoUpdate({
					target: alertWebhook.id,
					set: {
						url: change.url,
						format: change.format,
						updatedBy: actor.id,
						updatedAt: new Date()
					}
				});
		await audit.record(tx, {
			actor,
			action: 'alert.webhook_changed',
			target: 'webhook',
			detail:
				change === 'reset'
					? { to: 'environment' }
					: { to: change.url ? maskWebhookUrl(change.url) : 'off', format: change.format },
			ip
		});
	});
}

/** A webhook address as shown and logged: robots' addresses carry their key in the query. */
export function maskWebhookUrl(url: string): string {
	try {
		const u = new URL(url);
		return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
	} catch {
		return '…';
	}
}

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
	fetch?: typeof fetch;
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
		const response = await (options.fetch ?? fetch)(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json; charset=utf-8' },
			body: JSON.stringify(body),
			redirect: 'manual',
			signal: AbortSignal.timeout(options.timeoutMs ?? 10_000)
		});
		return acceptedBy(format, response.status, await response.text().catch(() => ''));
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

// Reading the engine's events ----------------------------------------------------------------

const CURSOR = 'webhook';

/** A severe change of an `alerts` event, as far as delivery needs it. */
export interface SevereChange {
	alertId: string;
	reason: 'opened' | 'escalated';
	fromLevel?: 'notice' | 'warning';
}

/**
 * The severe openings and escalations in an `alerts` event's `changes` (`{ id, level, change }`):
 * an alert opened at severe, or escalated to severe; lower levels, lowering, status changes and
 * clearing are not sent. `fromLevel`, when the event carries it, names what it rose from.
 */
export function severeChanges(payload: unknown): SevereChange[] {
	const changes = (payload as { changes?: unknown })?.changes;
	if (!Array.isArray(changes)) return [];
	const out: SevereChange[] = [];
	for (const c of changes as Record<string, unknown>[]) {
		if (!c || typeof c !== 'object') continue;
		const id = c.alertId ?? c.id;
		const level = c.level ?? c.toLevel;
		const action = String(c.change ?? c.action ?? '');
		if ((typeof id !== 'string' && typeof id !== 'number') || level !== 'severe') continue;
		const from = c.fromLevel ?? c.previousLevel;
		if (action === 'opened') out.push({ alertId: String(id), reason: 'opened' });
		else if (action === 'escalated' && from !== 'severe')
			out.push({
				alertId: String(id),
				reason: 'escalated',
				fromLevel: from === 'notice' || from === 'warning' ? from : undefined
			});
	}
	return out;
}

/** Labels of an alert for its message (the engine's explanation). */
export type DescribeAlert = (
	ex: Executor,
	alertId: string
) => Promise<{ ruleLabel: string; scopeLabel: string; summary: string } | null>;

/** The engine's explanation, in Chinese: group chats are read in Chinese. */
export const describeAlert: DescribeAlert = async (ex, alertId) => {
	const id = Number(alertId);
	const detail = Number.isSafeInteger(id) ? await alerts.alertDetail(ex, id) : null;
	if (!detail) return null;
	const x = detail.explanation;
	return { ruleLabel: x.ruleLabel.zh, scopeLabel: x.scopeLabel.zh, summary: x.summary.zh };
};

const LEVEL_ZH = { notice: '提示', warning: '预警' } as const;

/**
 * Reads `alerts` events after the cursor and queues their severe changes, in one transaction with
 * the cursor moved (locked, so one app server at a time). Without a webhook the cursor still moves:
 * alerts raised while delivery was off are not sent later.
 */
export async function collect(
	db: Db,
	describe: DescribeAlert,
	options: { origin?: string; env?: NodeJS.ProcessEnv } = {}
): Promise<number> {
	return db.transaction(async (tx) => {
		await tx
			.insert(alertDeliveryCursor)
			.values({ name: CURSOR, seq: await startSeq(tx) })
			.onConflictDoNothing();
		const [cursor] = await rows<{ seq: number }>(
			tx,
			sql`select seq::int as seq from alert_delivery_cursor where name = ${CURSOR} for update skip locked`
		);
		if (!cursor) return 0; // another server is collecting
		const events = await rows<{ seq: number; payload: unknown; at: string }>(
			tx,
			sql`select seq::int as seq, payload, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
				from live_event where topic = 'alerts' and seq > ${cursor.seq} order by seq limit 500`
		);
		if (events.length === 0) return 0;
		const { target } = await webhookSetting(tx, options.env);
		let queued = 0;
		if (target) {
			for (const e of events) {
				for (const change of severeChanges(
					typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload
				)) {
					const labels = await describe(tx, change.alertId);
					if (!labels) continue;
					const path = `/alerts/${encodeURIComponent(change.alertId)}`;
					await enqueue(
						tx,
						{
							id: change.alertId,
							reason: change.reason,
							...labels,
							fromLevelLabel: change.fromLevel ? LEVEL_ZH[change.fromLevel] : undefined,
							link: options.origin ? new URL(path, options.origin).toString() : path,
							at: e.at
						},
						e.seq,
						target
					);
					queued++;
				}
			}
		}
		await tx
			.update(alertDeliveryCursor)
			.set({ seq: events[events.length - 1].seq })
			.where(eq(alertDeliveryCursor.name, CURSOR));
		return queued;
	});
}

/** A new cursor starts at the newest event: history from before delivery existed is not sent. */
async function startSeq(ex: Executor): Promise<number> {
	const [r] = await rows<{ seq: number }>(
		ex,
		sql`select coalesce(max(seq), 0)::int as seq from live_event`
	);
	return r.seq;
}

/**
 * Runs collection and sending every `intervalMs` (one round at a time). Returns `stop`.
 */
export function startAlertDelivery(
	db: Db,
	describe: DescribeAlert,
	options: {
		origin?: string;
		env?: NodeJS.ProcessEnv;
		intervalMs?: number;
		send?: SendOptions;
		log?: (m: string) => void;
	} = {}
): () => Promise<void> {
	let stopped = false;
	let running: Promise<void> | undefined;
	let lastError = '';
	const round = async () => {
		try {
			await collect(db, describe, options);
			await sendDue(db, options.send);
			lastError = '';
		} catch (err) {
			// Logged once per distinct error, not every round while the database is away.
			const message = (err as Error).message;
			if (message !== lastError) options.log?.(`alert delivery: ${message}`);
			lastError = message;
		}
	};
	const timer = setInterval(() => {
		if (stopped || running) return;
		running = round().finally(() => (running = undefined));
	}, options.intervalMs ?? 2000);
	timer.unref();
	return async () => {
		stopped = true;
		clearInterval(timer);
		await running;
	};
}
