import { describe, expect, it } from 'vitest';
import { describeError, redact } from './log';

describe('what the log may say about a failure', () => {
	it('leaves out a failed query’s parameters and keeps its cause', () => {
		const err = new Error(
			'Failed query: insert into app_user (username, password_hash) values ($1, $2)\nparams: admin,$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
			{
				cause: new Error(
					'duplicate key value violates unique constraint "app_user_username_unique"'
				)
			}
		);
		const text = describeError(err);
		expect(text).toContain('insert into app_user');
		expect(text).toContain('duplicate key value');
		expect(text).not.toContain('argon2');
		expect(text).not.toContain('params');
	});

	it('replaces hashes, keys, digests and the configured secrets in any text', () => {
		const text = redact(
			`hash $argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA key qdk_${'A'.repeat(43)} digest ${'ab'.repeat(32)} password hunter2-secret`,
			['hunter2-secret']
		);
		expect(text).toBe('hash [argon2 hash] key [ingest key] digest [digest] password [secret]');
	});
});
