import { describe, expect, it } from 'vitest';
import { isClosedSocketWrite } from './postgres-guard';

function typeError(message: string, frames: string[]): TypeError {
	const err = new TypeError(message);
	err.stack = [`TypeError: ${message}`, ...frames.map((f) => `    at ${f}`)].join('\n');
	return err;
}

describe('the guard against postgres.js writing to a closed socket', () => {
	const frame = 'nextWrite (file:///srv/qiandai/node_modules/postgres/src/connection.js:255:22)';

	it('recognises the write postgres.js schedules on a connection PostgreSQL has closed', () => {
		expect(isClosedSocketWrite(typeError("Cannot read properties of null (reading 'write')", [frame, 'process.processImmediate (node:internal/timers:483:21)']))).toBe(true);
		expect(isClosedSocketWrite(typeError("Cannot read properties of null (reading 'write')", ['nextWrite (/srv/q/node_modules/postgres/cjs/src/connection.js:255:22)']))).toBe(true);
	});

	it('lets every other error end the process', () => {
		expect(isClosedSocketWrite(typeError("Cannot read properties of null (reading 'write')", ['save (file:///srv/qiandai/src/lib/server/ledger.ts:10:3)']))).toBe(false);
		expect(isClosedSocketWrite(typeError("Cannot read properties of undefined (reading 'replace')", [frame]))).toBe(false);
		expect(isClosedSocketWrite(new RangeError("(reading 'write')"))).toBe(false);
		expect(isClosedSocketWrite('a string')).toBe(false);
	});
});
