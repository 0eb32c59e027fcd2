/**
 * Where severe alerts go: the webhook saved on the settings page, else ALERT_WEBHOOK_URL /
 * ALERT_WEBHOOK_FORMAT; saving it is audited.
 */
import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../../../../../db/client';
import { alertWebhook } from '../../../../../db/schema/index';
import { isWebhookFormat, maskWebhookUrl, type WebhookFormat } from '../../../domain/alert-webhook';
import * as audit from '../../audit';
import { targetPolicy, targetProblem, type TargetPolicy } from './target';

export interface WebhookTarget {
	url: string;
	format: WebhookFormat;
	/** Where it is set: the settings page, or ALERT_WEBHOOK_URL / ALERT_WEBHOOK_FORMAT. */
	source: 'settings' | 'env';
}

export interface WebhookSetting {
	/** The target in force, or null when delivery is off. */
	target: WebhookTarget | null;
	/** Whether the settings page has overridden the environment (turning delivery off included). */
	overridden: boolean;
	env: { url: string | null; format: WebhookFormat };
	updatedAt: Date | null;
}

function envTarget(env: NodeJS.ProcessEnv): { url: string | null; format: WebhookFormat } {
	const format = env.ALERT_WEBHOOK_FORMAT ?? 'json';
	return {
		url: env.ALERT_WEBHOOK_URL?.trim() || null,
		format: isWebhookFormat(format) ? format : 'json'
	};
}

/** The webhook in force: the one saved on the settings page, else the environment's. */
export async function webhookSetting(
	ex: Executor,
	env: NodeJS.ProcessEnv = process.env
): Promise<WebhookSetting> {
	const [saved] = await ex.select().from(alertWebhook).where(eq(alertWebhook.id, 1));
	const fromEnv = envTarget(env);
	if (saved) {
		const format = isWebhookFormat(saved.format) ? saved.format : 'json';
		return {
			target: saved.url ? { url: saved.url, format, source: 'settings' } : null,
			overridden: true,
			env: fromEnv,
			updatedAt: saved.updatedAt
		};
	}
	return {
		target: fromEnv.url ? { ...fromEnv, url: fromEnv.url, source: 'env' } : null,
		overridden: false,
		env: fromEnv,
		updatedAt: null
	};
}

/**
 * Saves the webhook (url null turns delivery off); `reset` goes back to the environment's. A URL
 * whose host is not an allowed target (target.ts: loopback, private, link-local …) is refused
 * with the reason, and nothing is saved.
 */
export async function saveWebhook(
	db: Db,
	change: { url: string | null; format: WebhookFormat } | 'reset',
	actor: { id: number; username: string },
	ip?: string,
	policy: TargetPolicy = targetPolicy()
): Promise<{ ok: true } | { ok: false; problem: string }> {
	if (change !== 'reset' && change.url) {
		const problem = await targetProblem(change.url, policy);
		if (problem) return { ok: false, problem };
	}
	await db.transaction(async (tx) => {
		if (change === 'reset') await tx.delete(alertWebhook).where(eq(alertWebhook.id, 1));
		else
			await tx
				.insert(alertWebhook)
				.values({ id: 1, url: change.url, format: change.format, updatedBy: actor.id })
				.onConflictDoUpdate({
					target: alertWebhook.id,
					set: {
						url: change.url,
						format: change.format,
						updatedBy: actor.id,
						updatedAt: new Date()
					}
				});
		await audit.record(tx, {
			actor,
			action: 'alert.webhook_changed',
			target: 'webhook',
			detail:
				change === 'reset'
					? { to: 'environment' }
					: { to: change.url ? maskWebhookUrl(change.url) : 'off', format: change.format },
			ip
		});
	});
	return { ok: true };
}
