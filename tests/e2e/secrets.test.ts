/**
 * Passwords, session tokens, display codes and credentials and ingest keys never appear in the
 * server's output, in any response except the one that hands them out once, or in clear anywhere in
 * the database. Searched for literally after a session of ordinary use of every secret.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { dumpAllTables } from '../support/dump';
import { Agent, setUpPrincipals, testidText, type Seen } from '../support/http';
import { ADMIN_PASSWORD, INGEST_KEY, startServer } from '../support/server';

describe('secrets stay secret', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'qiandai-secrets-'));
	afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

	it('are not in the log, in responses other than the one showing them once, nor in the database', async () => {
		const server = await startServer({}, { dataDir });
		const seen: Seen[] = [];
		/** secret → index of the response allowed to carry it (-1: none may). */
		const secrets = new Map<string, number>([
			[ADMIN_PASSWORD, -1],
			[INGEST_KEY, -1]
		]);
		const handedOut = (secret: string) => secrets.set(secret, seen.length - 1);
		try {
			const { agents, passwords, code } = await setUpPrincipals(server, ADMIN_PASSWORD, seen);
			// setUpPrincipals read these from the responses that created them.
			for (const [i, s] of seen.entries()) {
				for (const secret of [passwords.member1, passwords.staff1, code])
					if (s.body.includes(secret)) secrets.set(secret, i);
			}
			for (const [i, s] of seen.entries()) {
				const cookie = /qd_(?:session|display)=([^;]+)/.exec(s.headers)?.[1];
				if (cookie && cookie.length > 10) secrets.set(cookie, i);
			}

			// An ingest key, created and used.
			const created = await agents.admin.form('/admin/ingest-keys?/create', { name: '国库导出' });
			const key = testidText(created.text, 'new-key')!;
			handedOut(key);
			const ingest = await fetch(`${server.url}/api/ingest`, {
				method: 'POST',
				headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
				body: JSON.stringify({
					batchId: 'secret-1',
					kind: 'unit',
					records: [{ code: '122', name: '市教育局' }]
				})
			});
			expect(ingest.status).toBe(200);
			expect(await ingest.text()).not.toContain(key);

			// A password changed, one reset, sign-ins with them, a wrong one.
			const changed = 'member-changed-password-42';
			secrets.set(changed, -1);
			const change = await agents.member.form('/account?/password', {
				current: passwords.member1,
				next: changed,
				confirm: changed
			});
			expect(testidText(change.text, 'password-changed')).toBeTruthy();
			const again = new Agent(server, seen);
			await again.signIn('member1', changed);
			secrets.set(again.cookies.get('qd_session')!, seen.length - 1);
			const users = await agents.admin.page('/admin/users');
			const staffId = /data-username="staff1"[\s\S]*?name="id" value="(\d+)"/.exec(users.text)![1];
			const reset = await agents.admin.form('/admin/users?/reset', { id: staffId });
			handedOut(testidText(reset.text, 'secret-value')!);
			const wrong = 'not-the-admin-password-99';
			secrets.set(wrong, -1);
			expect(
				(await new Agent(server, seen).form('/login', { username: 'admin', password: wrong }))
					.status
			).toBe(400);

			// Ordinary browsing by everyone, the audit log included.
			for (const path of [
				'/',
				'/account',
				'/admin/users',
				'/admin/displays',
				'/admin/ingest-keys',
				'/admin/audit',
				'/admin/audit?area=auth'
			]) {
				await agents.admin.page(path);
				await agents.member.page(path);
			}
			await agents.display.page('/wall');
			await agents.display.request('GET', '/wall/__data.json');
			await agents.admin.request('GET', '/admin/audit/__data.json');

			expect(secrets.size).toBeGreaterThanOrEqual(11);
			for (const [secret, allowed] of secrets) {
				const where = seen.flatMap((s, i) =>
					i !== allowed && (s.body.includes(secret) || s.headers.includes(secret))
						? [`${s.method} ${s.path} (${i})`]
						: []
				);
				expect(where, `a secret (${secret.slice(0, 4)}…) was sent again`).toEqual([]);
			}
		} finally {
			expect(await server.stop()).toBe(0);
		}

		const output = server.output();
		expect(output).toContain('listening');
		for (const secret of secrets.keys())
			expect(output.includes(secret), `a secret (${secret.slice(0, 4)}…) in the log`).toBe(false);

		const database = await openDatabase({ dataDir });
		try {
			const { tables, text } = await dumpAllTables(database.db);
			expect(tables).toContain('public.session');
			expect(text).toContain('member1'); // the dump is real
			for (const secret of secrets.keys())
				expect(text.includes(secret), `a secret (${secret.slice(0, 4)}…) in the database`).toBe(
					false
				);
		} finally {
			await database.close();
		}
	});

	it('has no default password: without ADMIN_PASSWORD the first admin gets a random one in a private file', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'qiandai-first-'));
		const server = await startServer({ ADMIN_PASSWORD: '' }, { dataDir: dir });
		try {
			const file = join(dir, 'initial-admin-password');
			const password = readFileSync(file, 'utf8').trim();
			expect(statSync(file).mode & 0o777).toBe(0o600);
			expect(password.length).toBeGreaterThanOrEqual(16);
			expect(server.output()).toContain(file);
			expect(server.output()).not.toContain(password);
			for (const guess of ['admin', 'password', '123456', ADMIN_PASSWORD])
				// four: the fifth failure would hold the name for 15 minutes
				expect(
					(await new Agent(server).form('/login', { username: 'admin', password: guess })).status
				).toBe(400);
			await new Agent(server).signIn('admin', password);
		} finally {
			await server.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
