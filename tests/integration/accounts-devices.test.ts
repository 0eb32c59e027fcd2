// Wall displays and ingest keys as admins manage them and devices use them, and the audit log they fill.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as audit from '../../src/lib/server/audit';
import * as displays from '../../src/lib/server/accounts/displays';
import * as ingestKeys from '../../src/lib/server/accounts/ingest-keys';
import { validateDisplay } from '../../src/lib/server/auth/displays';
import { identifyIngestKey } from '../../src/lib/server/auth/ingest-keys';
import { LIMITS } from '../../src/lib/server/auth/throttle';
import { DEFAULT_PLAYLIST } from '../../src/lib/wall/screens';
import { databaseTargets } from '../support/databases';
import { useAccountsSuite } from '../support/accounts-suite';

describe.each(databaseTargets)('displays, keys and the audit log on $name', (target) => {
	const { app, db, count, timePasses, remember, ip, createAdmin, keepsNoSecretInClear } =
		useAccountsSuite(target);
	let admin: { id: number; username: string };

	beforeAll(async () => {
		if (target.unavailable) return;
		admin = await createAdmin();
	});

	it.skipIf(target.unavailable)(
		'pairs a display once with its code; a used, wrong or expired code pairs nothing',
		async () => {
			const reg = await displays.register({
				actor: admin,
				name: '一楼大厅',
				playlist: DEFAULT_PLAYLIST,
				address: ip
			});
			if (!reg.ok) throw new Error('not registered');
			remember(reg.code);
			remember(reg.code.replace('-', ''));
			const claimed = await displays.claim({
				code: reg.code.toLowerCase().replace('-', ' '),
				address: ip
			});
			expect(claimed).toMatchObject({ ok: true, name: '一楼大厅' });
			if (!claimed.ok) return;
			remember(claimed.token);
			remember(claimed.token.split('.')[1]);
			expect(await validateDisplay(db(), claimed.token)).toMatchObject({
				id: reg.id,
				name: '一楼大厅',
				playlist: DEFAULT_PLAYLIST
			});
			expect(await displays.claim({ code: reg.code, address: ip })).toEqual({
				ok: false,
				error: 'claim.failed'
			});
			expect(await validateDisplay(db(), `d${reg.id}.${'a'.repeat(32)}`)).toBeNull();

			const late = await displays.register({
				actor: admin,
				name: '二楼',
				playlist: DEFAULT_PLAYLIST,
				address: ip
			});
			if (!late.ok) throw new Error('not registered');
			remember(late.code);
			await db().execute(
				sql`update wall_display set claim_expires_at = now() - interval '1 minute' where id = ${late.id}`
			);
			expect(await displays.claim({ code: late.code, address: ip })).toEqual({
				ok: false,
				error: 'claim.failed'
			});
			const actions = (await audit.list(db(), { area: 'display' })).rows.map((r) => r.action);
			expect(actions.slice(0, 4)).toEqual([
				'display.claim_failed',
				'display.created',
				'display.claim_failed',
				'display.claimed'
			]);
		}
	);

	it.skipIf(target.unavailable)(
		'revokes a display at once, and re-pairing makes the old credential useless',
		async () => {
			const reg = await displays.register({
				actor: admin,
				name: '会议室',
				playlist: [{ screen: 'payments', seconds: 20 }],
				address: ip
			});
			if (!reg.ok) throw new Error('not registered');
			remember(reg.code);
			const first = await displays.claim({ code: reg.code, address: ip });
			if (!first.ok) throw new Error('not claimed');
			remember(first.token);
			app.disconnects.length = 0;
			const renewed = await displays.renew({ actor: admin, id: reg.id, address: ip });
			if (!renewed.ok) throw new Error('not renewed');
			remember(renewed.code);
			expect(app.disconnects).toEqual([{ displayId: reg.id }]);
			expect(await validateDisplay(db(), first.token)).toBeNull();
			const second = await displays.claim({ code: renewed.code, address: ip });
			if (!second.ok) throw new Error('not claimed');
			remember(second.token);
			expect(await validateDisplay(db(), second.token)).not.toBeNull();
			app.disconnects.length = 0;
			expect(await displays.revoke({ actor: admin, id: reg.id, address: ip })).toBeNull();
			expect(app.disconnects).toEqual([{ displayId: reg.id }]);
			expect(await validateDisplay(db(), second.token)).toBeNull();
			expect(await displays.revoke({ actor: admin, id: reg.id, address: ip })).toBe(
				'display.notFound'
			);
			expect((await displays.list()).find((d) => d.id === reg.id)?.state).toBe('revoked');
		}
	);

	it.skipIf(target.unavailable)('throttles guessing of display codes per address', async () => {
		for (let i = 0; i < LIMITS.claim; i++)
			await displays.claim({ code: `WRONG-${String(i).padStart(5, '0')}`, address: '192.0.2.50' });
		expect(await displays.claim({ code: 'ANY-CODE', address: '192.0.2.50' })).toMatchObject({
			ok: false,
			error: 'claim.throttled'
		});
		await timePasses();
	});

	it.skipIf(target.unavailable)(
		'creates ingest keys shown once and stored hashed; a revoked key stops working and its sockets drop',
		async () => {
			const created = await ingestKeys.create({
				actor: admin,
				name: '财政局国库导出',
				address: ip
			});
			if (!created.ok) throw new Error('not created');
			remember(created.key);
			expect(created.key).toMatch(/^qdk_[a-z2-7]{52}$/);
			expect(await identifyIngestKey(db(), created.key, [])).toEqual({
				id: created.id,
				source: '财政局国库导出'
			});
			expect(JSON.stringify(await ingestKeys.list())).not.toContain(created.key);
			app.disconnects.length = 0;
			expect(await ingestKeys.revoke({ actor: admin, id: created.id, address: ip })).toBeNull();
			expect(app.disconnects).toEqual([{ ingestKeyId: created.id }]);
			expect(await identifyIngestKey(db(), created.key, [])).toBeNull();
			// INGEST_KEYS stays for bootstrap.
			expect(
				await identifyIngestKey(db(), 'bootstrap-key-from-env', [
					'other-key-0000',
					'bootstrap-key-from-env'
				])
			).toEqual({ id: null, source: 'env:2' });
		}
	);

	it.skipIf(target.unavailable)(
		'filters the audit log by area and plain text; SQL and LIKE wildcards are only text',
		async () => {
			const all = (await audit.list(db(), { limit: 200 })).rows;
			expect(all.length).toBeGreaterThan(20);
			const byArea = (await audit.list(db(), { area: 'ingest_key', limit: 200 })).rows;
			expect(byArea.map((r) => r.action).sort()).toEqual([
				'ingest_key.created',
				'ingest_key.revoked'
			]);
			expect(
				(await audit.list(db(), { text: '198.51.100.1', limit: 200 })).rows.every(
					(r) => r.ip === '198.51.100.1'
				)
			).toBe(true);
			const containing = (text: string) =>
				all
					.filter((r) =>
						[r.actor, r.target, r.ip].some((f) => f?.toLowerCase().includes(text.toLowerCase()))
					)
					.map((r) => r.id);
			for (const text of [
				"' or '1'='1",
				"'; drop table audit_log; --",
				'%',
				'_',
				'\\',
				'INGEST_KEY:'
			]) {
				expect(
					(await audit.list(db(), { text, limit: 200 })).rows.map((r) => r.id),
					text
				).toEqual(containing(text));
			}
			expect(containing('_').length).toBeGreaterThan(0); // ingest_key:… targets: '_' matched itself, not any character
			expect(containing('_').length).toBeLessThan(all.length);
			expect(await count(sql`select count(*)::int as n from audit_log`)).toBe(all.length);
			const page1 = await audit.list(db(), { limit: 5 });
			const page2 = await audit.list(db(), { limit: 5, before: page1.next! });
			expect(page2.rows[0].id).toBeLessThan(page1.rows[4].id);
		}
	);

	keepsNoSecretInClear(10);
});
