/**
 * Severe alerts to a webhook, at least once: the engine's committed `alerts` events are read from
 * the database (a cursor, so nothing is missed across restarts and only one app server takes each
 * event), every severe opening or escalation is queued with its message already built, and the
 * queue is sent by a timer. The engine is not touched.
 *
 * Usage (server start): const stop = startAlertDelivery(database.db, describeAlert, { origin: env.ORIGIN, env });
 */
import { eq, sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../../../../db/client';
import { alertDeliveryCursor } from '../../../../../db/schema/index';
import { severeChanges } from '../../../domain/alert-webhook';
import { describeError } from '../../log';
import { latestSeq } from '../../snapshot';
import { causeLabel } from '../../../domain/cases/labels';
import { caseDetail } from '../../cases/queries';
import { enqueue, sendDue, type SendOptions } from './queue';
import { webhookSetting } from './webhook';

const CURSOR = 'webhook';

/** Labels of an alert for its message (the engine's explanation). */
export type DescribeAlert = (
	ex: Executor,
	alertId: string
) => Promise<{ ruleLabel: string; scopeLabel: string; summary: string } | null>;

/**
 * A case's message (the `alerts` events carry case ids): its cause, the headline finding's scope and
 * summary, and how many findings it gathers — in Chinese: group chats are read in Chinese.
 */
export const describeAlert: DescribeAlert = async (ex, caseId) => {
	const id = Number(caseId);
	const detail = Number.isSafeInteger(id) ? await caseDetail(ex, id) : null;
	if (!detail) return null;
	const x = detail.findings.find((f) => f.id !== undefined)?.explanation;
	const more = detail.findingCount > 1 ? `（共 ${detail.findingCount} 条发现）` : '';
	return {
		ruleLabel: causeLabel(detail.cause).zh,
		scopeLabel: x?.scopeLabel.zh ?? detail.subject,
		summary: `${detail.summary?.zh ?? x?.summary.zh ?? ''}${more}`
	};
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
		// A new cursor starts at the newest event: history from before delivery existed is not sent.
		await tx
			.insert(alertDeliveryCursor)
			.values({ name: CURSOR, seq: await latestSeq(tx) })
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
			const message = describeError(err);
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
