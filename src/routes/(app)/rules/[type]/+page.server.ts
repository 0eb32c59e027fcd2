import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { isRuleType, mergeParams, type RuleType, type ScopeKind } from '$lib/domain/alerts/params';
import { PROFILED_RULES } from '$lib/domain/alerts/profile-terms';
import {
	overrideDiff,
	readParamsForm,
	type FieldProblem,
	type Params
} from '$lib/domain/rule-form';
import * as alerts from '$lib/server/alerts/index';
import { requireRole } from '$lib/server/auth/guard';
import { periodQuery } from '$lib/server/query';
import { db, runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

/** At most this many preview rows go to the page; the counts cover them all. */
const PREVIEW_ROWS = 100;

function ruleOf(param: string): RuleType {
	if (!isRuleType(param)) error(404, `No alert rule ${param.slice(0, 40)}`);
	return param;
}

/** `?scope=department:122`: which thresholds the form edits (the defaults when absent). */
function scopeOf(
	value: string | null,
	allowed: readonly ScopeKind[]
): { kind: ScopeKind; code: string } | null {
	if (!value) return null;
	const [kind, code] = value.split(':', 2);
	if (!allowed.includes(kind as ScopeKind) || !/^[0-9A-Za-z_-]{1,40}$/.test(code ?? ''))
		error(
			400,
			`scope must be one of ${allowed.join(', ') || 'none'} and a code, e.g. department:122`
		);
	return { kind: kind as ScopeKind, code };
}

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'staff');
	event.depends('app:alerts');
	const type = ruleOf(event.params.type);
	const { year } = periodQuery(event.url);
	const page = await alerts.rulePage(type, year);
	if (!page) error(404, `No alert rule ${type}`);
	const scope = scopeOf(event.url.searchParams.get('scope'), page.config.scopes);
	const override = scope
		? page.config.overrides.find((o) => o.scopeKind === scope.kind && o.scopeCode === scope.code)
		: undefined;
	const defaults = page.config.params as Params;
	return {
		type,
		year,
		page,
		scope,
		/** What the form starts from: the defaults, or the override merged over them. */
		editing: (override
			? mergeParams(type, page.config.params as never, override.params as never)
			: defaults) as Params,
		hasOverride: Boolean(override),
		/** Whether the rule takes subject profiles (decided here: the catalogue's zod schemas stay on the server). */
		profiled: PROFILED_RULES.includes(type)
	};
};

type Problem = {
	problem: 'rules.err.scope' | 'rule.fixErrors' | 'rule.error';
	error?: string;
	errors?: Record<string, FieldProblem>;
	values: Record<string, string>;
};

/** Reads the form into the engine's proposal, or a failure that names each field to fix. */
async function proposalOf(
	event: RequestEvent<{ type: string }>
): Promise<
	{ type: RuleType; proposal: alerts.RuleProposal; values: Record<string, string> } | Problem
> {
	const type = ruleOf(event.params.type);
	const form = await event.request.formData();
	const config = await alerts.ruleConfig(db(), type);
	if (!config) error(404, `No alert rule ${type}`);
	const scopeKind = String(form.get('scopeKind') ?? '');
	const scopeCode = String(form.get('scopeCode') ?? '')
		.trim()
		.slice(0, 40);
	const defaults = config.params as Params;
	const read = readParamsForm(type, defaults, form);
	const values = {
		...(read.ok ? {} : read.values),
		scopeKind,
		scopeCode,
		enabled: form.get('enabled') === 'on' ? 'on' : '',
		remove: form.get('remove') === 'on' ? 'on' : ''
	};
	if (scopeKind) {
		if (!config.scopes.includes(scopeKind as ScopeKind) || !/^[0-9A-Za-z_-]{1,40}$/.test(scopeCode))
			return { problem: 'rules.err.scope', values };
		const scope = { kind: scopeKind as ScopeKind, code: scopeCode };
		if (values.remove) return { type, proposal: { scope, params: null }, values };
		if (!read.ok) return { problem: 'rule.fixErrors', errors: read.errors, values };
		const diff = overrideDiff(defaults, read.params);
		// An override equal to the defaults is no override at all.
		return {
			type,
			proposal: { scope, params: Object.keys(diff).length ? (diff as never) : null },
			values: { ...values, ...formValues(form) }
		};
	}
	if (!read.ok) return { problem: 'rule.fixErrors', errors: read.errors, values };
	return {
		type,
		proposal: { params: read.params as never, enabled: values.enabled === 'on' },
		values: { ...values, ...formValues(form) }
	};
}

function formValues(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of form) if (typeof v === 'string' && k.length < 60) out[k] = v.slice(0, 200);
	return out;
}

export const actions: Actions = {
	preview: async (event) => {
		requireRole(event, 'staff');
		const read = await proposalOf(event);
		if ('problem' in read) return fail(400, read);
		const result = await alerts.previewRuleChange(db(), read.type, read.proposal, {
			tz: runtime().config.fiscalTz
		});
		if (!result.ok)
			return fail(400, {
				problem: 'rule.error' as const,
				error: result.error,
				values: read.values
			});
		const counts = { open: 0, raise: 0, lower: 0, close: 0 };
		for (const item of result.items) counts[item.action]++;
		const order = { open: 0, raise: 1, lower: 2, close: 3 };
		const items = [...result.items]
			.sort((a, b) => order[a.action] - order[b.action])
			.slice(0, PREVIEW_ROWS);
		return {
			preview: {
				counts,
				total: result.items.length,
				items: items.map(({ explanation, ...i }) => ({
					...i,
					summary: explanation?.summary ?? null
				}))
			},
			values: read.values
		};
	},
	save: async (event) => {
		const actor = requireRole(event, 'staff');
		const read = await proposalOf(event);
		if ('problem' in read) return fail(400, read);
		const result = await alerts.saveRuleChange(
			db(),
			read.type,
			read.proposal,
			actor.id,
			runtime().live,
			{ tz: runtime().config.fiscalTz }
		);
		if (!result.ok)
			return fail(400, {
				problem: 'rule.error' as const,
				error: result.error,
				values: read.values
			});
		return { saved: { changeId: result.changeId, changes: result.changes.length } };
	},
	revert: async (event) => {
		const actor = requireRole(event, 'staff');
		const type = ruleOf(event.params.type);
		const form = await event.request.formData();
		const id = Number(form.get('change'));
		const config = await alerts.ruleConfig(db(), type);
		if (!Number.isSafeInteger(id) || id <= 0 || !config?.changes.some((c) => c.id === id))
			return fail(404, {
				problem: 'rule.error' as const,
				error: `change ${String(form.get('change') ?? '').slice(0, 20)} of ${type} does not exist`,
				values: {}
			});
		const result = await alerts.revertRuleChange(db(), id, actor.id, runtime().live, {
			tz: runtime().config.fiscalTz
		});
		if (!result.ok)
			return fail(400, { problem: 'rule.error' as const, error: result.error, values: {} });
		return { reverted: { changeId: result.changeId, of: id } };
	}
};
