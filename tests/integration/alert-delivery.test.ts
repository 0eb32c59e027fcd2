import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import * as audit from '../../src/lib/server/audit';
import {
	collect,
	deliveriesOf,
	describeAlert,
	enqueue,
	saveWebhook,
	sendDue,
	webhookSetting,
	type WebhookTarget
} from '../../src/lib/server/alerts/delivery/index';
import { createUser } from '../../src/lib/server/auth/users';
import type { SevereAlert } from '../../src/lib/domain/alert-webhook';
import { startTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';

/** A robot webhook on localhost that answers with the statuses it is told to, in order. */
function robot() {
	const received: { body: unknown; contentType: string | undefined }[] = [];
	let answers: (number | 'errcode')[] = [];
	const server: Server = createServer((req, res) => {
		let data = '';
		req.on('data', (c) => (data += c));
		req.on('end', () => {
			received.push({ body: JSON.parse(data), contentType: req.headers['content-type'] });
			const answer = answers.shift() ?? 200;
			res.writeHead(answer === 'errcode' ? 200 : answer, { 'content-type': 'application/json' });
			res.end(
				answer === 200
					? '{"errcode":0,"errmsg":"ok"}'
					: answer === 'errcode'
						? '{"errcode":93000,"errmsg":"invalid webhook url"}'
						: '{"error":"down"}'
			);
		});
	});
	return {
		received,
		answer: (...statuses: (number | 'errcode')[]) => (answers = statuses),
		url: () =>
			`http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=secret-key`,
		start: () => new Promise<void>((r) => server.listen(0, '127.0.0.1', r)),
		stop: () => new Promise<void>((r) => server.close(() => r()))
	};
}

const severe = (id: string, over: Partial<SevereAlert> = {}): SevereAlert => ({
	id,
	reason: 'opened',
	ruleLabel: '支出进度偏慢',
	scopeLabel: '市教育局',
	summary: '执行率低于序时进度 16.0 个百分点',
	link: `https://qd.example.gov.cn/alerts/${id}`,
	at: '2026-11-28T02:00:00.000Z',
	...over
});

/** The robot listens on 127.0.0.1: allowed only as on a closed network. */
const closedNetwork = { allowPrivate: true };

/** Makes every pending delivery due now, as if its backoff had passed. */
const timePasses = (db: Parameters<typeof rows>[0]) =>
	db.execute(sql`update alert_delivery set next_attempt_at = now() where status = 'pending'`);

describe.each(databaseTargets)('severe alerts to a webhook on $name', (target) => {
	let database: Awaited<ReturnType<(typeof target)['open']>>;
	const hook = robot();
	const policy = { maxAttempts: 3, baseMs: 60_000, capMs: 600_000 };
	let wecom: WebhookTarget;

	beforeAll(async () => {
		if (target.unavailable) return;
		database = await target.open();
		await hook.start();
		wecom = { url: hook.url(), format: 'wecom', source: 'settings' };
	});
	afterAll(async () => {
		await hook.stop();
		await database?.drop();
	});
	beforeEach(() => {
		hook.received.length = 0;
		hook.answer();
	});

	it.skipIf(target.unavailable)(
		'posts a WeCom/DingTalk text message once and shows it as sent',
		async () => {
			const db = database.db;
			await enqueue(db, severe('a-1'), 1, wecom);
			await enqueue(db, severe('a-1'), 1, wecom); // the same event read twice
			expect(await sendDue(db, { targets: closedNetwork, policy })).toEqual({
				sent: 1,
				failed: 0,
				retried: 0
			});
			expect(hook.received).toHaveLength(1);
			expect(hook.received[0].contentType).toMatch(/^application\/json/);
			expect(hook.received[0].body).toEqual({
				msgtype: 'text',
				text: {
					content:
						'【严重预警】支出进度偏慢 · 市教育局\n执行率低于序时进度 16.0 个百分点\n查看：https://qd.example.gov.cn/alerts/a-1'
				}
			});
			const [d] = await deliveriesOf(db, 'a-1');
			expect(d).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
			expect(d.target).not.toContain('secret-key');
			expect(await sendDue(db, { targets: closedNetwork, policy })).toEqual({
				sent: 0,
				failed: 0,
				retried: 0
			});
		}
	);

	it.skipIf(target.unavailable)('retries after a 500 with backoff and then delivers', async () => {
		const db = database.db;
		hook.answer(500);
		await enqueue(db, severe('a-2'), 2, wecom);
		expect(await sendDue(db, { targets: closedNetwork, policy })).toEqual({
			sent: 0,
			failed: 0,
			retried: 1
		});
		const [waiting] = await deliveriesOf(db, 'a-2');
		expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
		// Backoff: not tried again at once.
		expect(waiting.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(50_000);
		expect(await sendDue(db, { targets: closedNetwork, policy })).toEqual({
			sent: 0,
			failed: 0,
			retried: 0
		});
		await timePasses(db);
		expect(await sendDue(db, { targets: closedNetwork, policy })).toEqual({
			sent: 1,
			failed: 0,
			retried: 0
		});
		expect(hook.received).toHaveLength(2);
		expect((await deliveriesOf(db, 'a-2'))[0]).toMatchObject({ status: 'sent', attempts: 2 });
	});

	it.skipIf(target.unavailable)('gives up after the last attempt and says why', async () => {
		const db = database.db;
		hook.answer(500, 502, 503);
		await enqueue(db, severe('a-3'), 3, wecom);
		await sendDue(db, { targets: closedNetwork, policy });
		await timePasses(db);
		await sendDue(db, { targets: closedNetwork, policy });
		await timePasses(db);
		expect(await sendDue(db, { targets: closedNetwork, policy })).toEqual({
			sent: 0,
			failed: 1,
			retried: 0
		});
		expect((await deliveriesOf(db, 'a-3'))[0]).toMatchObject({
			status: 'failed',
			attempts: 3,
			lastError: 'HTTP 503',
			nextAttemptAt: null
		});
		await timePasses(db);
		expect(await sendDue(db, { targets: closedNetwork, policy })).toEqual({
			sent: 0,
			failed: 0,
			retried: 0
		});
		expect(hook.received).toHaveLength(3);
	});

	it.skipIf(target.unavailable)(
		'counts a robot’s errcode answer as a failure and an unreachable address as one too',
		async () => {
			const db = database.db;
			hook.answer('errcode');
			await enqueue(db, severe('a-5'), 5, wecom);
			expect(await sendDue(db, { targets: closedNetwork, policy })).toEqual({
				sent: 0,
				failed: 0,
				retried: 1
			});
			expect((await deliveriesOf(db, 'a-5'))[0].lastError).toBe(
				'errcode 93000: invalid webhook url'
			);
			const closed = createServer();
			await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
			const port = (closed.address() as AddressInfo).port;
			await new Promise<void>((r) => closed.close(() => r()));
			await enqueue(db, severe('a-4'), 4, {
				url: `http://127.0.0.1:${port}/nothing-listens`,
				format: 'dingtalk',
				source: 'env'
			});
			expect(await sendDue(db, { targets: closedNetwork, policy, timeoutMs: 2000 })).toEqual({
				sent: 0,
				failed: 0,
				retried: 1
			});
			expect((await deliveriesOf(db, 'a-4'))[0].lastError).toMatch(/ECONNREFUSED/);
		}
	);

	it.skipIf(target.unavailable)(
		'queues the severe openings and escalations of committed alert events, once',
		async () => {
			const db = database.db;
			const staff = await createUser(db, {
				username: 'staff1',
				displayName: '张三',
				role: 'staff',
				password: 'staff-password-123'
			});
			await saveWebhook(db, { url: hook.url(), format: 'json' }, staff, undefined, closedNetwork);
			expect((await webhookSetting(db, {})).target).toMatchObject({
				format: 'json',
				source: 'settings'
			});
			const describeAlert = async (_: unknown, id: string) => ({
				ruleLabel: '超预算',
				scopeLabel: `部门 ${id}`,
				summary: `${id} 超出预算`
			});
			// The cursor starts at the newest event: earlier history is not sent.
			await db.execute(
				sql`insert into live_event (topic, payload) values ('alerts', ${JSON.stringify({ changes: [{ id: 90, ruleType: 'overPlan', change: 'opened', level: 'severe', status: 'open' }] })}::jsonb)`
			);
			expect(await collect(db, describeAlert, {})).toBe(0);
			await db.execute(
				sql`insert into live_event (topic, payload) values ('alerts', ${JSON.stringify({
					changes: [
						{ id: 91, ruleType: 'overPlan', change: 'opened', level: 'severe', status: 'open' },
						{ id: 92, ruleType: 'overPlan', change: 'opened', level: 'warning', status: 'open' },
						{
							id: 93,
							ruleType: 'overPlan',
							change: 'escalated',
							fromLevel: 'warning',
							level: 'severe',
							status: 'open'
						},
						{ id: 94, ruleType: 'overPlan', change: 'lowered', level: 'warning', status: 'open' },
						{
							id: 95,
							ruleType: 'overPlan',
							change: 'status',
							level: 'severe',
							status: 'acknowledged'
						}
					],
					counts: { notice: 0, warning: 2, severe: 2, total: 4 }
				})}::jsonb)`
			);
			expect(await collect(db, describeAlert, { origin: 'https://qd.example.gov.cn' })).toBe(2);
			expect(await collect(db, describeAlert, {})).toBe(0);
			await sendDue(db, { targets: closedNetwork, policy });
			const bodies = hook.received.map(
				(r) =>
					r.body as { event: string; alert: { id: string; url: string; fromLevel: string | null } }
			);
			expect(bodies.map((b) => [b.event, b.alert.id, b.alert.fromLevel]).sort()).toEqual([
				['alert.severe.escalated', '93', '预警'],
				['alert.severe.opened', '91', null]
			]);
			expect(bodies.find((b) => b.alert.id === '91')!.alert.url).toBe(
				'https://qd.example.gov.cn/alerts/91'
			);
			const [entry] = (await audit.list(db, { area: 'alert' })).rows;
			expect(entry).toMatchObject({ action: 'alert.webhook_changed', actor: 'staff1' });
			expect(JSON.stringify(entry.detail)).not.toContain('secret-key');
		}
	);

	it.skipIf(target.unavailable)(
		'sends the engine’s own escalation of a case to severe, in Chinese, with a link to the case',
		async () => {
			const db = database.db;
			await saveWebhook(
				db,
				{ url: hook.url(), format: 'dingtalk' },
				{ id: 1, username: 'staff1' },
				undefined,
				closedNetwork
			);
			const app = startTestApp(database);
			await app.ingest('unit', [unitRecord()]);
			await app.ingest('plan', [planRecord({ funcCode: '205', amount: '1000000.00' })]);
			await app.ingest('payment', [paymentRecord({ amount: '960000.00' })]); // 96%: 超预算 at 提示, not sent
			await collect(db, describeAlert, { origin: 'https://qd.example.gov.cn' });
			await sendDue(db, { targets: closedNetwork, policy });
			expect(hook.received).toHaveLength(0);
			await app.ingest('payment', [paymentRecord({ amount: '200000.00' })]); // 116%: 严重
			expect(await collect(db, describeAlert, { origin: 'https://qd.example.gov.cn' })).toBe(1);
			await sendDue(db, { targets: closedNetwork, policy });
			expect(hook.received).toHaveLength(1);
			const content = (hook.received[0].body as { msgtype: string; text: { content: string } }).text
				.content;
			// One message per case, linked to the case page.
			const [alert] = await rows<{ id: number }>(
				db,
				sql`select id::int as id from alert_case where cause = 'overPlan' and level = 'severe'`
			);
			expect(content).toMatch(/^【预警升级为严重】超预算 · /);
			expect(content).toContain('市教育局');
			expect(content.endsWith(`查看：https://qd.example.gov.cn/alerts/${alert.id}`)).toBe(true);
			expect((await deliveriesOf(db, String(alert.id)))[0]).toMatchObject({
				status: 'sent',
				reason: 'escalated'
			});
		}
	);

	it.skipIf(target.unavailable)(
		'refuses loopback, private and link-local targets when saved, in every spelling',
		async () => {
			const db = database.db;
			const staff = { id: 1, username: 'staff1' };
			const open = { allowPrivate: false };
			for (const url of [
				'http://127.0.0.1/hook',
				'http://2130706433/hook', // 127.0.0.1 in decimal
				'http://0177.0.0.1/hook', // in octal
				'http://0x7f.1/hook',
				'http://[::1]/hook',
				'http://[::ffff:127.0.0.1]/hook', // IPv4-mapped IPv6
				'http://169.254.169.254/latest/meta-data', // link-local: cloud metadata
				'http://[fe80::1]/hook',
				'http://10.0.0.8/hook',
				'http://192.168.1.20/hook',
				'http://[fd00::1]/hook',
				'http://0.0.0.0/hook',
				'http://localhost:9/hook' // a name that resolves to loopback
			]) {
				const saved = await saveWebhook(db, { url, format: 'json' }, staff, undefined, open);
				expect(saved.ok, url).toBe(false);
			}
			// On a closed network private ranges may be allowed; link-local never.
			expect(
				(
					await saveWebhook(
						db,
						{ url: 'http://10.0.0.8/h', format: 'json' },
						staff,
						undefined,
						closedNetwork
					)
				).ok
			).toBe(true);
			expect(
				(
					await saveWebhook(
						db,
						{ url: 'http://169.254.169.254/h', format: 'json' },
						staff,
						undefined,
						closedNetwork
					)
				).ok
			).toBe(false);
			await saveWebhook(db, 'reset', staff);
		}
	);

	it.skipIf(target.unavailable)(
		'checks the target again when sending, on the addresses the name resolves to then',
		async () => {
			const db = database.db;
			// Queued while the name pointed elsewhere; now it resolves to this machine (DNS rebinding).
			const port = new URL(hook.url()).port;
			await enqueue(db, severe('rebound'), 1, {
				url: `http://localhost:${port}/cgi-bin/webhook/send?key=k`,
				format: 'json',
				source: 'settings'
			});
			await enqueue(db, severe('literal'), 1, {
				url: `http://[::ffff:127.0.0.1]:${port}/hook`,
				format: 'json',
				source: 'settings'
			});
			const outcome = await sendDue(db, { targets: { allowPrivate: false }, policy });
			expect(outcome).toEqual({ sent: 0, failed: 0, retried: 2 });
			expect(hook.received).toHaveLength(0);
			for (const id of ['rebound', 'literal'])
				expect((await deliveriesOf(db, id))[0].lastError).toMatch(
					/^EREFUSED_TARGET: refused: .*loopback/
				);
			await db.execute(sql`delete from alert_delivery where alert_id in ('rebound', 'literal')`);
		}
	);
});
