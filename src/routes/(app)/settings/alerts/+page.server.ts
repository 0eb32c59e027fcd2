import { fail } from '@sveltejs/kit';
import { isWebhookFormat, maskWebhookUrl, webhookUrlError } from '$lib/domain/alert-webhook';
import * as delivery from '$lib/server/alerts/delivery/index';
import { requireRole } from '$lib/server/auth/guard';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'staff');
	const [setting, recent] = await Promise.all([
		delivery.webhookSetting(db()),
		delivery.recentDeliveries(db(), 20)
	]);
	// Robots' addresses carry their key in the query: shown masked, never sent to the page whole.
	const target: delivery.WebhookTarget | null = setting.target
		? { ...setting.target, url: maskWebhookUrl(setting.target.url) }
		: null;
	return {
		setting: {
			...setting,
			target,
			env: {
				...setting.env,
				url: setting.env.url ? maskWebhookUrl(setting.env.url) : null
			}
		},
		recent
	};
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireRole(event, 'staff');
		const form = await event.request.formData();
		const url = String(form.get('url') ?? '')
			.trim()
			.slice(0, 2000);
		const format = form.get('format');
		const off = form.get('off') === '1';
		if (!isWebhookFormat(format))
			return fail(400, { problem: 'delivery.err.format' as const, url });
		if (!off) {
			const problem = webhookUrlError(url);
			if (problem) return fail(400, { problem: `delivery.err.${problem}` as const, url });
		}
		const saved = await delivery.saveWebhook(
			db(),
			{ url: off ? null : url, format },
			actor,
			event.getClientAddress()
		);
		if (!saved.ok)
			return fail(400, { problem: 'delivery.err.target' as const, url, detail: saved.problem });
		return { done: 'delivery.saved' as const };
	},
	reset: async (event) => {
		const actor = requireRole(event, 'staff');
		await delivery.saveWebhook(db(), 'reset', actor, event.getClientAddress());
		return { done: 'delivery.saved' as const };
	}
};
