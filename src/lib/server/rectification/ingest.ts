/**
 * `audit` records: each finding once. The same id with the same content is a duplicate; with other
 * content a conflict (the first stays; staff change findings in the app, and their changes do not
 * make a re-sent list conflict, since the hash is of the record as received). A unit named without
 * a code gets the code of the budget unit of that exact name.
 */
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import type { AuditRecord } from '../../domain/records';
import { partitionAgainstStored } from '../ingest/duplicates';
import { contentHash } from '../ingest/hash';
import type { Item, StoreContext, StoreResult } from '../ingest/types';

export function auditHash(a: AuditRecord): string {
	return contentHash([
		a.id,
		a.year,
		a.report,
		a.unitCode,
		a.unitName,
		a.category,
		a.description,
		a.amount,
		a.type,
		a.dueDate,
		a.status,
		a.amountRectified,
		a.measures,
		a.rulesIssued,
		a.accountability,
		// Only when given, so a list without the column keeps the hashes it had.
		...(a.rectifiedOn ? [a.rectifiedOn] : [])
	]);
}

export async function storeAuditFindings(
	ctx: StoreContext,
	items: Item<AuditRecord>[],
	source = 'ingest'
): Promise<StoreResult> {
	const { fresh, duplicates, conflicts } = await partitionAgainstStored(
		ctx,
		items,
		auditHash,
		'audit_finding',
		'audit finding'
	);
	if (fresh.length === 0) return { accepted: 0, duplicates, rejected: conflicts, events: [] };
	const input = fresh.map(({ record: a }) => ({
		id: a.id,
		year: a.year,
		report: a.report ?? null,
		unit_code: a.unitCode || null,
		unit_name: a.unitName ?? null,
		category: a.category,
		description: a.description,
		amount: a.amount ?? null,
		type: a.type,
		due_date: a.dueDate,
		status: a.status,
		amount_rectified: a.amountRectified ?? '0',
		rectified_on: a.rectifiedOn ?? null,
		measures: a.measures ?? null,
		rules_issued: a.rulesIssued ?? null,
		accountability: a.accountability ?? null,
		content_hash: a.hash
	}));
	const stored = await rows<{ id: string; year: number }>(
		ctx.tx,
		sql`with x as (
				select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
					id text, year int, report text, unit_code text, unit_name text, category text, description text,
					amount numeric, type text, due_date date, status text, amount_rectified numeric, measures text,
					rules_issued text, accountability text, rectified_on date, content_hash text)
			), ins as (
				insert into audit_finding (id, year, report, unit_code, unit_name, category, description, amount, type,
					due_date, status, amount_rectified, measures, rules_issued, accountability, rectified_at, source,
					content_hash, batch_id)
				select x.id, x.year, x.report,
					coalesce(x.unit_code, (select min(u.code) from budget_unit u where u.name = x.unit_name)),
					coalesce(x.unit_name, (select u.name from budget_unit u where u.code = x.unit_code), x.unit_code),
					x.category, x.description, x.amount, x.type, x.due_date, x.status, x.amount_rectified, x.measures,
					x.rules_issued, x.accountability,
					-- The day the list says it was rectified (noon, fiscal zone); unknown when it does not say.
					case when x.status in ('done', 'closed') and x.rectified_on is not null
						then (x.rectified_on + time '12:00') at time zone ${ctx.tz} end,
					${source}, x.content_hash, ${ctx.batchId}
				from x
				on conflict (id) do nothing
				returning id, year
			), h as (
				insert into audit_finding_history (finding_id, actor, field, new_value)
				select id, ${source}, 'created', null from ins
			)
			select id, year::int as year from ins`
	);
	const years = [...new Set(stored.map((s) => Number(s.year)))].sort();
	return {
		accepted: stored.length,
		duplicates: duplicates + (fresh.length - stored.length),
		rejected: conflicts,
		events:
			stored.length > 0
				? [
						{
							topic: 'audit',
							audience: 'all',
							payload: { years, findingIds: stored.map((s) => s.id) }
						}
					]
				: []
	};
}
