import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { isRuleType, type RuleType } from '$lib/domain/alerts/params';
import { profileNoteText, type Profile, type ProfileProposal } from '$lib/domain/alerts/profiles';
import { PROFILED_RULES } from '$lib/domain/alerts/profile-terms';
import { paramFields, readParamsForm, type Params } from '$lib/domain/rule-form';
import * as alerts from '$lib/server/alerts/index';
import { requireRole } from '$lib/server/auth/guard';
import { periodQuery } from '$lib/server/query';
import { db, runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

function ruleOf(param: string): RuleType {
	if (!isRuleType(param) || !PROFILED_RULES.includes(param))
		error(404, `No subject profiles for rule ${param.slice(0, 40)}`);
	return param;
}

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'staff');
	event.depends('app:alerts');
	const type = ruleOf(event.params.type);
	const { year } = periodQuery(event.url);
	const page = await alerts.rulePage(type, year);
	if (!page) error(404, `No alert rule ${type}`);
	const [profiles, changes] = await Promise.all([
		alerts.loadProfiles(db()),
		alerts.profileChanges(db(), type)
	]);
	const thresholds = (page.config.params as Params).thresholds;
	const ofRule = profiles.filter((p) => p.ruleType === type);
	// ?edit=kind:prefix: the form starts from that profile as stored (its own note, not a translation).
	const edited = ofRule.find(
		(p) => `${p.codeKind}:${p.codePrefix}` === event.url.searchParams.get('edit')
	);
	return {
		type,
		year,
		page,
		// The note in the page's language made here: the profiles module's parsing (zod) stays off the
		// page, which would otherwise test for eval in the browser against the content policy.
		profiles: ofRule.map((p) => ({ ...p, noteText: profileNoteText(p, event.locals.locale) })),
		editing: edited ? profileFormValues(type, edited, thresholds) : null,
		changes,
		/** The threshold fields a `thresholds` profile sets (none when the rule has no levels). */
		thresholdFields: thresholds ? paramFields(type, { thresholds } as Params) : []
	};
};

/** A stored profile as the edit form's fields (thresholds in the form's units, the rule's where it sets none). */
function profileFormValues(
	type: RuleType,
	p: Profile,
	ruleThresholds: unknown
): Record<string, string> {
	const values: Record<string, string> = {
		codeKind: p.codeKind,
		codePrefix: p.codePrefix,
		mode: p.mode,
		note: p.note
	};
	type Levels = Record<string, unknown>;
	const own = (p.params as Params | null | undefined)?.thresholds as Levels | undefined;
	if (ruleThresholds)
		for (const f of paramFields(type, { thresholds: { ...(ruleThresholds as Levels), ...own } }))
			values[f.name] = f.value;
	return values;
}

type Read = { proposal: ProfileProposal; values: Record<string, string> };

/** Reads the form into a proposal; thresholds in the rule's form units (万元, %, pp). */
async function proposalOf(
	event: RequestEvent<{ type: string }>
): Promise<Read | { problem: string; values: Record<string, string> }> {
	const type = ruleOf(event.params.type);
	const form = await event.request.formData();
	const text = (k: string, max = 40) =>
		String(form.get(k) ?? '')
			.trim()
			.slice(0, max);
	const values: Record<string, string> = {
		codeKind: text('codeKind'),
		codePrefix: text('codePrefix'),
		mode: text('mode'),
		note: text('note', 200),
		remove: form.get('remove') === 'on' ? 'on' : ''
	};
	const proposal: ProfileProposal = {
		ruleType: type,
		codeKind: values.codeKind,
		codePrefix: values.codePrefix,
		mode: values.mode,
		note: values.note,
		remove: values.remove === 'on'
	};
	if (values.mode === 'thresholds' && !proposal.remove) {
		const config = await alerts.ruleConfig(db(), type);
		const thresholds = (config?.params as Params | undefined)?.thresholds;
		if (!thresholds) return { problem: 'params: this rule has no thresholds', values };
		const read = readParamsForm(type, { thresholds } as Params, form);
		for (const level of ['notice', 'warning', 'severe'])
			values[`thresholds.${level}`] = text(`thresholds.${level}`);
		if (!read.ok)
			return {
				problem: `thresholds: ${Object.entries(read.errors)
					.map(([k, e]) => `${k} ${typeof e === 'string' ? e : JSON.stringify(e)}`)
					.join('; ')}`,
				values
			};
		proposal.params = { thresholds: read.params.thresholds };
	}
	return { proposal, values };
}

export const actions: Actions = {
	preview: async (event) => {
		requireRole(event, 'staff');
		const read = await proposalOf(event);
		if ('problem' in read) return fail(400, read);
		const result = await alerts.previewProfileChange(db(), read.proposal, {
			tz: runtime().config.fiscalTz
		});
		if (!result.ok) return fail(400, { problem: result.error, values: read.values });
		return { preview: { findings: result.findings, cases: result.cases }, values: read.values };
	},
	save: async (event) => {
		const actor = requireRole(event, 'staff');
		const read = await proposalOf(event);
		if ('problem' in read) return fail(400, read);
		const result = await alerts.saveProfileChange(
			db(),
			read.proposal,
			{ id: actor.id, username: actor.username },
			runtime().live,
			{ tz: runtime().config.fiscalTz }
		);
		if (!result.ok) return fail(400, { problem: result.error, values: read.values });
		return { saved: { changeId: result.changeId, changes: result.changes.length } };
	}
};
