/**
 * What a severe alert looks like on a webhook, and when a failed delivery is tried again. Pure:
 * the queue (src/lib/server/alerts/delivery/) stores what this builds and follows its schedule.
 */

export const WEBHOOK_FORMATS = ['json', 'wecom', 'dingtalk'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export function isWebhookFormat(value: unknown): value is WebhookFormat {
	return typeof value === 'string' && (WEBHOOK_FORMATS as readonly string[]).includes(value);
}

/** Why a severe alert is sent: it was raised severe, or an existing alert rose to severe. */
export type DeliveryReason = 'opened' | 'escalated';

export interface SevereAlert {
	id: string;
	reason: DeliveryReason;
	ruleLabel: string;
	scopeLabel: string;
	summary: string;
	/** The level it had before an escalation, e.g. 预警. */
	fromLevelLabel?: string;
	/** Absolute link to the alert when the public origin is known, else the path. */
	link: string;
	at: string;
}

/**
 * The body to POST. `json` is for programs; `wecom` and `dingtalk` are the group robots' text
 * message (`{"msgtype":"text","text":{"content":…}}`), whose content names 预警 so that a robot
 * protected by a keyword accepts it.
 */
export function webhookBody(format: WebhookFormat, alert: SevereAlert): Record<string, unknown> {
	if (format === 'json') {
		return {
			event: alert.reason === 'opened' ? 'alert.severe.opened' : 'alert.severe.escalated',
			alert: {
				id: alert.id,
				level: 'severe',
				rule: alert.ruleLabel,
				scope: alert.scopeLabel,
				summary: alert.summary,
				fromLevel: alert.fromLevelLabel ?? null,
				url: alert.link,
				at: alert.at
			}
		};
	}
	return { msgtype: 'text', text: { content: chatText(alert) } };
}

export function chatText(alert: SevereAlert): string {
	const head =
		alert.reason === 'opened'
			? '【严重预警】'
			: `【预警升级为严重${alert.fromLevelLabel ? `（原为${alert.fromLevelLabel}）` : ''}】`;
	return [
		`${head}${alert.ruleLabel} · ${alert.scopeLabel}`,
		alert.summary,
		`查看：${alert.link}`
	].join('\n');
}

/**
 * Whether a 2xx answer really means delivered: the WeCom and DingTalk robots answer 200 with
 * `{"errcode": n}` and only 0 is success.
 */
export function acceptedBy(
	format: WebhookFormat,
	status: number,
	responseText: string
): { ok: boolean; error?: string } {
	if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}` };
	if (format === 'json') return { ok: true };
	try {
		const answer = JSON.parse(responseText) as { errcode?: unknown; errmsg?: unknown };
		if (answer && typeof answer === 'object' && 'errcode' in answer && answer.errcode !== 0) {
			return {
				ok: false,
				error: `errcode ${String(answer.errcode)}: ${String(answer.errmsg ?? '')}`.slice(0, 300)
			};
		}
	} catch {
		// A robot that answers 2xx without JSON took the message.
	}
	return { ok: true };
}

export interface RetryPolicy {
	/** Attempts in all, the first included, before the delivery is given up. */
	maxAttempts: number;
	/** Wait after the first failure; doubled after each further one. */
	baseMs: number;
	/** The longest wait. */
	capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseMs: 30_000, capMs: 3_600_000 };

/** After `attempts` failed attempts: when to try again (ms from now), or null to give up. */
export function retryDelay(attempts: number, policy: RetryPolicy = DEFAULT_RETRY): number | null {
	if (attempts >= policy.maxAttempts) return null;
	return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

/** A webhook address staff may set: http(s) with a host, no credentials in it. */
export function webhookUrlError(value: string): 'invalid' | 'scheme' | 'credentials' | null {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return 'invalid';
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'scheme';
	if (url.username || url.password) return 'credentials';
	if (!url.hostname) return 'invalid';
	return null;
}

/** A webhook address as shown and logged: robots' addresses carry their key in the query. */
export function maskWebhookUrl(url: string): string {
	try {
		const u = new URL(url);
		return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
	} catch {
		return '…';
	}
}

/** A severe change of an `alerts` event, as far as delivery needs it. */
export interface SevereChange {
	alertId: string;
	reason: 'opened' | 'escalated';
	fromLevel?: 'notice' | 'warning';
}

/**
 * The severe openings and escalations in an `alerts` event's `changes` (`{ id, level, change }`):
 * an alert opened at severe, or escalated to severe; lower levels, lowering, status changes and
 * clearing are not sent. `fromLevel`, when the event carries it, names what it rose from.
 */
export function severeChanges(payload: unknown): SevereChange[] {
	const changes = (payload as { changes?: unknown })?.changes;
	if (!Array.isArray(changes)) return [];
	const out: SevereChange[] = [];
	for (const c of changes as Record<string, unknown>[]) {
		if (!c || typeof c !== 'object') continue;
		const id = c.alertId ?? c.id;
		const level = c.level ?? c.toLevel;
		const action = String(c.change ?? c.action ?? '');
		if ((typeof id !== 'string' && typeof id !== 'number') || level !== 'severe') continue;
		const from = c.fromLevel ?? c.previousLevel;
		if (action === 'opened') out.push({ alertId: String(id), reason: 'opened' });
		else if (action === 'escalated' && from !== 'severe')
			out.push({
				alertId: String(id),
				reason: 'escalated',
				fromLevel: from === 'notice' || from === 'warning' ? from : undefined
			});
	}
	return out;
}
