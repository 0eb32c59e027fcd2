// The import-boundary rules of eslint.config.js, run on deliberate violations: each layer's
// forbidden import must fail the lint, and ordinary imports must not.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The boundary rules' messages for `code` linted as if it were the file at `filePath`. */
async function boundaryErrors(code: string, filePath: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	const fatal = result.messages.filter((m) => m.fatal);
	expect(fatal).toEqual([]);
	return result.messages
		.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
		.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries', () => {
	it.each([
		["import { ingestBatch } from '$lib/server/ingest';", 'src/lib/domain/x.ts'],
		["import { ingestBatch } from '../server/ingest';", 'src/lib/domain/x.ts'],
		["import { db } from '../../../db/client';", 'src/lib/domain/x.ts'],
		["import type { Database } from '../../../db/client';", 'src/lib/domain/alerts/x.ts'],
		["import { boot } from '../../../server/boot';", 'src/lib/domain/x.ts'],
		["import { load } from '../../routes/alerts/+page.server';", 'src/lib/domain/x.ts'],
		["import { goto } from '$app/navigation';", 'src/lib/domain/x.ts'],
		["import { readFileSync } from 'node:fs';", 'src/lib/domain/x.ts'],
		["import { readFileSync } from 'fs';", 'src/lib/domain/x.ts'],
		["export { db } from '../../../db/client';", 'src/lib/domain/x.ts'],
		["const m = await import('../../../db/client');", 'src/lib/domain/x.ts']
	])('the domain may not import server, database or route code: %s', async (code, filePath) => {
		expect(await boundaryErrors(code, filePath)).toEqual([
			expect.stringMatching(/^no-restricted-(imports|syntax): /)
		]);
	});

	it.each([
		["import { ingestBatch } from '../src/lib/server/ingest';", 'db/x.ts'],
		["import { fenToYuan } from '../../src/lib/domain/money';", 'db/seeds/x.ts'],
		["import { fenToYuan } from '$lib/domain/money';", 'db/x.ts'],
		["import { boot } from '../server/boot';", 'db/x.ts'],
		["const m = await import('../src/lib/server/runtime');", 'db/x.ts']
	])('db/ may not import src/ or server/: %s', async (code, filePath) => {
		expect(await boundaryErrors(code, filePath)).toEqual([
			expect.stringMatching(/^no-restricted-(imports|syntax): .*db\/ imports neither/)
		]);
	});

	it.each([
		["import { db } from '../../db/client';", 'server/ingest/x.ts'],
		["import { payment } from '../../db/schema';", 'server/ingest/x.ts'],
		["import { ingestBatch } from '../../src/lib/server/ingest';", 'server/ingest/x.ts'],
		["import { ingestBatch } from '$lib/server/ingest';", 'server/ingest/x.ts'],
		["import { boot } from '../boot';", 'server/ingest/x.ts'],
		["const m = await import('../../db/client');", 'server/ingest/x.ts']
	])('the ingest worker may not import db/ or src/lib/server: %s', async (code, filePath) => {
		expect(await boundaryErrors(code, filePath)).toEqual([
			expect.stringMatching(/^no-restricted-(imports|syntax): /)
		]);
	});

	it.each([
		["import { fenToYuan } from '../money';", 'src/lib/domain/alerts/x.ts'],
		["import { DEFAULT_FISCAL_TZ } from './fiscal';", 'src/lib/domain/x.ts'],
		["import { TZDate } from '@date-fns/tz';", 'src/lib/domain/x.ts'],
		["import type { LiveEvent } from '../live/events';", 'src/lib/domain/x.ts'],
		["import { pgTable } from 'drizzle-orm/pg-core';", 'db/schema/x.ts'],
		["import { payment } from './schema';", 'db/x.ts'],
		["import { fenToYuan } from '../../src/lib/domain/money';", 'server/ingest/x.ts'],
		["import { Sender } from './sender';", 'server/ingest/x.ts'],
		["import { db } from '../../../db/client';", 'src/lib/server/ingest/x.ts'],
		["import { db } from '../db/client';", 'server/x.ts']
	])('ordinary imports pass: %s', async (code, filePath) => {
		expect(await boundaryErrors(code, filePath)).toEqual([]);
	});
});
