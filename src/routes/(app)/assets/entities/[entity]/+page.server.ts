import { error } from '@sveltejs/kit';
import { isEntityCode } from '$lib/domain/assets';
import { assetEntityPage } from '$lib/server/asset-entity';
import { requireUser } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

/** One reporting entity of the state-asset reports: its periods and the cases about it. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:assets');
	const code = event.params.entity;
	if (!isEntityCode(code)) error(404, 'No such entity');
	const page = await assetEntityPage(code);
	if (!page) error(404, `No asset report names ${code}`);
	return { page };
};
