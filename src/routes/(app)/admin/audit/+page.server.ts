import { profileChangeDetailText } from '$lib/domain/alerts/profiles';
import * as audit from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/guard';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** `?area=auth|user|…&q=text&before=<id>`: plain filters; anything else in them is just text. */
export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const params = event.url.searchParams;
	const areaParam = params.get('area') ?? '';
	const area = (audit.AUDIT_AREAS as readonly string[]).includes(areaParam)
		? (areaParam as audit.AuditArea)
		: undefined;
	const text = (params.get('q') ?? '').trim().slice(0, 100);
	const beforeParam = Number(params.get('before'));
	const before = Number.isSafeInteger(beforeParam) && beforeParam > 0 ? beforeParam : undefined;
	const page = await audit.list(db(), { area, text: text || undefined, before, limit: 50 });
	return {
		// A subject profile's default note as seeded is stored in Chinese; an English page reads it in
		// English (made here, the profiles module stays off the page).
		entries: page.rows.map((e) =>
			e.action === 'rule.profile_changed'
				? { ...e, detail: profileChangeDetailText(e.detail, event.locals.locale) }
				: e
		),
		next: page.next,
		filter: { area: area ?? '', q: text },
		areas: [...audit.AUDIT_AREAS]
	};
};
