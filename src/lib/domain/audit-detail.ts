/**
 * Threshold and alert status changes in the audit log as sentences ("支出进度偏慢（部门 122）：阈值由
 * 5 / 10 / 15 个百分点 改为 2 / 10 / 15 个百分点"), from the entry's target and detail; other
 * actions keep their plain `key: value` details. Pure.
 */
import type { MessageKey, Translate } from '../i18n';
import { paramsSummary, type Params } from './rule-form';

export interface AuditLike {
	action: string;
	target: string | null;
	detail: Record<string, unknown> | null;
}

/** The sentence for an alert or threshold entry, or null for other actions. */
export function auditDetailText(e: AuditLike, t: Translate): string | null {
	const d = e.detail ?? {};
	const label = (key: string, fallback: string) => {
		const text = t(key as MessageKey);
		return text === key ? fallback : text;
	};
	const ruleName = (type: string) => label(`audit.detail.rule.${type}`, type);
	if (e.action === 'alert.status_changed') {
		const status = (s: unknown) => label(`audit.detail.alertStatus.${String(s)}`, String(s));
		const alert = `#${(e.target ?? '').replace(/^(alert|case):/, '')} ${ruleName(String(d.rule ?? ''))}`;
		const line = t('audit.detail.statusChange', { alert, from: status(d.from), to: status(d.to) });
		return typeof d.note === 'string' && d.note ? `${line} · ${d.note}` : line;
	}
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
		if (!p) return null;
		const unit = t(`rules.unit.${p.unit}` as MessageKey);
		const name = t(`rules.field.${key}` as MessageKey);
		return `${name === `rules.field.${key}` ? key : name} ${p.text}${unit && !unit.startsWith('rules.') ? ` ${unit}` : ''}`;
	};
	const differing = keys.filter((k) => text(a, k) !== text(b, k));
	const join = (list: typeof a) =>
		differing
			.map((k) => text(list, k))
			.filter(Boolean)
			.join(t('text.listSeparator')) || '—';
	return { old: join(a), new: join(b) };
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
