// Plan records: each is kept; its plan line's available amount is the latest adjustment, else the
// initial amount.
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import { fenToYuan } from '../../domain/money';
import type { PlanRecord } from '../../domain/records';
import { contentHash } from './hash';
import { partitionAgainstStored } from './duplicates';
import type { Item, StoreContext, StoreResult } from './types';

export function planHash(p: PlanRecord): string {
	return contentHash([
		p.id,
		p.year,
		p.stage,
		p.budgetKind,
		p.side,
		p.deptCode,
		p.funcCode,
		p.econCode,
		p.projectCode,
		p.subjectCode,
		p.projectName,
		fenToYuan(p.amount),
		p.effectiveOn
	]);
}

export async function storePlans(
	ctx: StoreContext,
	items: Item<PlanRecord>[]
): Promise<StoreResult> {
	const { fresh, duplicates, conflicts } = await partitionAgainstStored(
		ctx,
		items,
		planHash,
		'plan_record',
		'plan'
	);
	if (fresh.length === 0) return { accepted: 0, duplicates, rejected: conflicts, events: [] };
	const lines = await upsertPlanLines(ctx, fresh);
	await refreshAvailable(
		ctx,
		lines.map((l) => l.id)
	);
	const years = [...new Set(lines.map((l) => l.year))];
	return {
		accepted: fresh.length,
		duplicates,
		rejected: conflicts,
		events: [{ topic: 'plan', audience: 'all', payload: { years } }]
	};
}

/**
 * Stores the fresh plan records and the plan lines they belong to. Lines first (one row per key;
 * within the batch the last record of each stage wins), then the records that point at them.
 * Earlier adjustments are replaced only by later-or-equal dates. Returns the lines written.
 */
async function upsertPlanLines(
	ctx: StoreContext,
	fresh: Item<PlanRecord & { hash: string }>[]
): Promise<{ id: number; year: number }[]> {
	const input = fresh.map(({ record: p }, order) => ({
		ord: order,
		id: p.id,
		year: p.year,
		stage: p.stage,
		budget_kind: p.budgetKind,
		side: p.side,
		dept_code: p.side === 'expenditure' ? p.deptCode : '',
		func_code: p.side === 'expenditure' ? p.funcCode : '',
		econ_code: p.side === 'expenditure' ? p.econCode : '',
		project_code: p.side === 'expenditure' ? p.projectCode : '',
		subject_code: p.side === 'revenue' ? p.subjectCode : '',
		project_name: p.projectName ?? null,
		amount: fenToYuan(p.amount),
		effective_on: p.effectiveOn ?? null,
		content_hash: p.hash
	}));
	return rows<{ id: number; year: number }>(
		ctx.tx,
		sql`with input as (
			select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
				ord int, id text, year smallint, stage text, budget_kind text, side text, dept_code text,
				func_code text, econ_code text, project_code text, subject_code text, project_name text,
				amount numeric, effective_on date, content_hash text)
		), per_line as (
			select year, budget_kind, side, dept_code, func_code, econ_code, project_code, subject_code,
				(array_agg(amount order by ord desc) filter (where stage = 'initial'))[1] as initial_amount,
				(array_agg(amount order by effective_on desc nulls first, ord desc) filter (where stage = 'adjusted'))[1] as adjusted_amount,
				(array_agg(effective_on order by effective_on desc nulls first, ord desc) filter (where stage = 'adjusted'))[1] as adjusted_on,
				(array_agg(project_name order by ord desc) filter (where project_name is not null))[1] as project_name
			from input
			group by 1, 2, 3, 4, 5, 6, 7, 8
		), lines as (
			insert into plan_line as l (year, budget_kind, side, dept_code, func_code, econ_code, project_code,
				subject_code, project_name, initial_amount, adjusted_amount, available_amount, adjusted_on)
			select year, budget_kind, side, dept_code, func_code, econ_code, project_code, subject_code,
				project_name, initial_amount, adjusted_amount, coalesce(adjusted_amount, initial_amount), adjusted_on
			from per_line
			on conflict (year, budget_kind, side, dept_code, func_code, econ_code, project_code, subject_code)
			do update set
				initial_amount = coalesce(excluded.initial_amount, l.initial_amount),
				adjusted_amount = case when excluded.adjusted_amount is not null
					and (l.adjusted_on is null or excluded.adjusted_on is null or excluded.adjusted_on >= l.adjusted_on)
					then excluded.adjusted_amount else l.adjusted_amount end,
				adjusted_on = case when excluded.adjusted_amount is not null
					and (l.adjusted_on is null or excluded.adjusted_on is null or excluded.adjusted_on >= l.adjusted_on)
					then excluded.adjusted_on else l.adjusted_on end,
				project_name = coalesce(excluded.project_name, l.project_name),
				updated_at = now()
			returning id, year, budget_kind, side, dept_code, func_code, econ_code, project_code, subject_code
		), recs as (
			insert into plan_record (id, plan_line_id, stage, amount, effective_on, content_hash, batch_id)
			select i.id, lines.id, i.stage, i.amount, i.effective_on, i.content_hash, ${ctx.batchId}
			from input i join lines using (year, budget_kind, side, dept_code, func_code, econ_code, project_code, subject_code)
			on conflict (id) do nothing
			returning 1
		)
		select id, year::int as year from lines`
	);
}

/** The available amount follows the stages just written (a CTE cannot see its siblings' updates). */
async function refreshAvailable(ctx: StoreContext, lineIds: number[]): Promise<void> {
	await ctx.tx
		.execute(sql`update plan_line set available_amount = coalesce(adjusted_amount, initial_amount)
		where id in (select jsonb_array_elements_text(${JSON.stringify(lineIds)}::jsonb)::int)
		  and available_amount is distinct from coalesce(adjusted_amount, initial_amount)`);
}
