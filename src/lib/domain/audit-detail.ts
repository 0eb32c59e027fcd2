/**
 * Threshold, subject profile and alert status changes in the audit log as sentences ("支出进度偏慢
 * （部门 122）：阈值由 5 / 10 / 15 个百分点 改为 2 / 10 / 15 个百分点"), from the entry's target and
 * detail; other actions keep their plain `key: value` details. Pure.
 */
import type { MessageKey, Translate } from '../i18n';
import { paramsSummary, paramValueText, type Params } from './rule-form';

export interface AuditLike {
	action: string;
	target: string | null;
	detail: Record<string, unknown> | null;
}

/** The sentence for an alert, threshold or profile entry, or null for other actions. */
export function auditDetailText(e: AuditLike, t: Translate): string | null {
	const d = e.detail ?? {};
	const label = (key: string, fallback: string) => labelOr(t, key, fallback);
	const ruleName = (type: string) => label(`audit.detail.rule.${type}`, type);
	if (e.action === 'alert.status_changed') {
		const status = (s: unknown) => label(`audit.detail.alertStatus.${String(s)}`, String(s));
		const alert = `#${(e.target ?? '').replace(/^(alert|case):/, '')} ${ruleName(String(d.rule ?? ''))}`;
		const line = t('audit.detail.statusChange', { alert, from: status(d.from), to: status(d.to) });
		return typeof d.note === 'string' && d.note ? `${line} · ${d.note}` : line;
	}
	if (e.action === 'rule.profile_changed') return profileChangeText(e.target, d, t);
	if (e.action !== 'rule.thresholds_changed' && e.action !== 'rule.reverted') return null;
	const [, type = '', kind, code] = (e.target ?? '').split(':');
	const scope = kind
		? t('text.paren', { text: '', note: `${label(`rule.scope.${kind}`, kind)} ${code ?? ''}` })
		: '';
	if (e.action === 'rule.reverted' && d.revertOf !== undefined) {
		return `${t('audit.detail.revert', { rule: `${ruleName(type)}${scope}`, change: String(d.revertOf) })}${changed(type, d, t)}`;
	}
	const diff = changedParams(type, d.old as Params | null, d.new as Params | null, t);
	return t('audit.detail.thresholdChange', {
		rule: ruleName(type),
		scope,
		old: diff.old,
		new: diff.new
	});
}

/** The message for `key`, or `fallback` where the dictionary has none (an unknown rule or status). */
function labelOr(t: Translate, key: string, fallback: string): string {
	const text = t(key as MessageKey);
	return text === key ? fallback : text;
}

interface ProfileSide {
	mode?: string;
	params?: Params | null;
	note?: string;
}

/**
 * A subject profile change: "大额支付 · 主体画像（经济分类 301）：排除 → 单独阈值 阈值 50 / 500 / 5000 万元 ·
 * 说明：…"; the notes as the server put them in the page's language.
 */
function profileChangeText(
	target: string | null,
	d: Record<string, unknown>,
	t: Translate
): string {
	const [, type = '', , kind = '', prefix = ''] = (target ?? '').split(':');
	const label = (key: string, fallback: string) => labelOr(t, key, fallback);
	const side = (v: unknown): ProfileSide | null =>
		v && typeof v === 'object' ? (v as ProfileSide) : null;
	const old = side(d.old);
	const now = side(d.new);
	const state = (p: ProfileSide | null) => {
		if (!p) return t('audit.detail.profileNone');
		const mode = label(`profiles.mode.${p.mode}`, String(p.mode));
		const params = p.mode === 'thresholds' ? paramsText(type, p.params ?? null, t) : [];
		return [mode, ...params].join(' ');
	};
	const line = t('audit.detail.profileChange', {
		rule: label(`audit.detail.rule.${type}`, type),
		kind: label(`profiles.kind.${kind}`, kind),
		prefix,
		old: state(old),
		new: state(now)
	});
	const oldNote = old?.note?.trim() ?? '';
	const newNote = now?.note?.trim() ?? '';
	const notes =
		oldNote === newNote
			? oldNote
			: old && now
				? `${oldNote || '—'} → ${newNote || '—'}`
				: oldNote || newNote;
	return notes
		? `${line} · ${t('text.labelled', { label: t('profiles.col.note'), text: notes })}`
		: line;
}

function changed(type: string, d: Record<string, unknown>, t: Translate): string {
	const diff = changedParams(type, d.old as Params | null, d.new as Params | null, t);
	return diff.old === diff.new
		? ''
		: t('text.labelled', { label: '', text: `${diff.old} → ${diff.new}` });
}

/** The fields that differ, old and new, each "阈值 5 / 10 / 15 个百分点"; "—" for none (a removed override). */
function changedParams(
	type: string,
	old: Params | null,
	now: Params | null,
	t: Translate
): { old: string; new: string } {
	const a = paramsSummary(type, old);
	const b = paramsSummary(type, now);
	const keys = [...new Set([...a, ...b].map((p) => p.key))];
	const text = (list: typeof a, key: string) => {
		const p = list.find((x) => x.key === key);
		return p ? fieldText(p, t) : null;
	};
	const differing = keys.filter((k) => text(a, k) !== text(b, k));
	const join = (list: typeof a) =>
		differing
			.map((k) => text(list, k))
			.filter(Boolean)
			.join(t('text.listSeparator')) || '—';
	return { old: join(a), new: join(b) };
}

/** One field "阈值 5 / 10 / 15 个百分点": its name, value and unit in the UI language. */
function fieldText(p: ReturnType<typeof paramsSummary>[number], t: Translate): string {
	const unit = t(`rules.unit.${p.unit}` as MessageKey);
	const name = t(`rules.field.${p.key}` as MessageKey);
	const value = paramValueText(p.text, p.unit, unit.startsWith('rules.') ? '' : unit);
	return `${name === `rules.field.${p.key}` ? p.key : name} ${value}`;
}

/** Every field of the params, each as `fieldText` gives it. */
function paramsText(type: string, params: Params | null, t: Translate): string[] {
	return paramsSummary(type, params).map((p) => fieldText(p, t));
}

/** Details whose values are roles: shown by the role's name (工作人员), not its code (staff). */
const ROLE_VALUED = new Set(['role', 'from', 'to']);

/**
 * Any other entry's details as plain `key: value` text, never markup: keys the log knows by their
 * name in the UI language (角色, 姓名), roles by name; a key added later shows as it is.
 */
export function plainDetailText(detail: Record<string, unknown> | null, t: Translate): string {
	if (!detail) return '';
	const named = (key: string, fallback: string) => {
		const text = t(key as MessageKey);
		return text === key ? fallback : text;
	};
	return Object.entries(detail)
		.map(([k, v]) => {
			const raw = typeof v === 'string' ? v : JSON.stringify(v);
			const value = ROLE_VALUED.has(k) && typeof v === 'string' ? named(`role.${v}`, raw) : raw;
			return t('text.labelled', { label: named(`audit.detail.key.${k}`, k), text: value });
		})
		.join(' · ');
}
