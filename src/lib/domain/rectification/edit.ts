/**
 * Staff's edit of a finding, read from a form and checked against the finding as stored: what
 * changed (field, old → new) or the first problem, naming the field. Pure; the server writes it.
 */
import type { AccountRole } from '../accounts';
import { isFiscalDate } from '../calendar';
import { fenToYuan, parseYuan, yuanToFen } from '../money';
import { amountProblem } from './figures';
import { isFindingStatus, transitionProblem, type FindingStatus } from './status';

/** The fields staff work on; amounts are canonical decimal strings in 元. */
export interface FindingWork {
	status: FindingStatus;
	amountRectified: string;
	dueDate: string;
	measures: string | null;
	rulesIssued: string | null;
	accountability: string | null;
}

export const WORK_FIELDS = [
	'status',
	'amountRectified',
	'dueDate',
	'measures',
	'rulesIssued',
	'accountability'
] as const;
export type WorkField = (typeof WORK_FIELDS)[number];

export interface FieldChange {
	field: WorkField;
	old: string | null;
	new: string | null;
}

export type EditResult =
	| { ok: true; work: FindingWork; changes: FieldChange[] }
	| { ok: false; field: WorkField | 'role'; problem: string };

const MAX_TEXT = 4000;

function textOf(v: string | undefined, current: string | null): string | null {
	if (v === undefined) return current;
	const t = v.trim();
	return t === '' ? null : t;
}

/** Reads the submitted work fields (absent = unchanged) against the finding as stored. */
export function readFindingEdit(
	role: AccountRole,
	current: FindingWork & { amount: string | null },
	input: Partial<Record<WorkField, string>>
): EditResult {
	const status = input.status ?? current.status;
	if (!isFindingStatus(status))
		return { ok: false, field: 'status', problem: 'must be open, partial, done or closed' };
	const move = transitionProblem(role, current.status, status);
	if (move === 'role')
		return { ok: false, field: 'role', problem: 'your role may not change findings' };
	if (move === 'transition')
		return {
			ok: false,
			field: 'status',
			problem: `a finding that is ${current.status} cannot become ${status}`
		};
	let amountRectified = current.amountRectified;
	if (input.amountRectified !== undefined) {
		const raw = input.amountRectified.trim().replace(/,/g, '');
		const fen = raw === '' ? 0n : parseYuan(raw);
		if (fen === null)
			return {
				ok: false,
				field: 'amountRectified',
				problem: 'must be an amount in 元 with at most 2 decimals'
			};
		amountRectified = fenToYuan(fen);
	}
	const amountIssue = amountProblem(current.amount, amountRectified);
	if (amountIssue)
		return { ok: false, field: 'amountRectified', problem: amountIssue.split(': ')[1] };
	const dueDate = (input.dueDate ?? current.dueDate).trim();
	if (!isFiscalDate(dueDate))
		return { ok: false, field: 'dueDate', problem: 'must be a date YYYY-MM-DD that exists' };
	const work: FindingWork = {
		status,
		amountRectified,
		dueDate,
		measures: textOf(input.measures, current.measures),
		rulesIssued: textOf(input.rulesIssued, current.rulesIssued),
		accountability: textOf(input.accountability, current.accountability)
	};
	for (const f of ['measures', 'rulesIssued', 'accountability'] as const)
		if ((work[f]?.length ?? 0) > MAX_TEXT)
			return { ok: false, field: f, problem: `must be at most ${MAX_TEXT} characters` };
	const changes: FieldChange[] = [];
	for (const field of WORK_FIELDS) {
		const same =
			field === 'amountRectified'
				? yuanToFen(work.amountRectified) === yuanToFen(current.amountRectified)
				: work[field] === current[field];
		if (!same) changes.push({ field, old: current[field], new: work[field] });
	}
	return { ok: true, work, changes };
}
