// The privacy rule is applied in one place: server code that reads or sends a payment's payee or
// 用途 is one of the modules below, each of which goes through src/lib/server/privacy.ts (or only
// writes). A new module that touches them fails here until it does the same and is listed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Each module allowed to name payee or purpose, and why. */
const ALLOWED: Record<string, string> = {
	'src/lib/server/privacy.ts': 'the rule itself',
	'src/lib/server/ledger/queries.ts': 'ledger reads, every row through showPayments',
	'src/lib/server/ledger/export-files.ts': 'columns of rows the ledger has already shown',
	'src/lib/server/wall.ts': 'the wall’s payments, through showPayments for a display',
	'src/lib/server/ingest/payments.ts': 'stores payments; sends nothing out',
	'src/lib/server/ingest/bulk-stage.ts':
		'stages a bulk load’s payments (COPY columns); sends nothing out',
	'src/lib/server/ingest/bulk-commit.ts':
		'a conflict’s raw record into quarantine (staff only); its answer names ids, never payees',
	'src/lib/server/ingest/bulk-insert.ts':
		'moves staged payments into payment (insert … select from the stage); sends nothing out',
	'src/lib/server/alerts/loaders/payment-patterns.ts':
		'compares payees by an md5 digest computed in SQL (split, duplicate payments); never reads or sends a name',
	'server/ingest/demo-feed.ts': 'the worker’s demo feed; never part of a response',
	'server/ingest/headers.ts': 'the worker’s column names'
};

function sources(dir: string): string[] {
	return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
		.filter((f) => f.isFile() && /\.(ts|js)$/.test(f.name) && !/\.spec\.ts$/.test(f.name))
		.map((f) => relative(root, join(f.parentPath, f.name)));
}

describe('the privacy rule’s one place', () => {
	it('is the only way server code reads or sends a payee or 用途', () => {
		const touching = [...sources('src/lib/server'), ...sources('server')].filter((file) =>
			/\b(payee|payeeKind|payee_kind|purpose)\b/.test(readFileSync(join(root, file), 'utf8'))
		);
		expect(touching.length).toBeGreaterThan(3); // the scan finds the ledger and the wall
		expect(touching.filter((f) => !(f in ALLOWED))).toEqual([]);
	});
});
