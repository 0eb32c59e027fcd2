import { json } from '@sveltejs/kit';
import * as health from '$lib/server/health';

export const GET = async () => {
	const status = await health.check();
	return json(status, {
		status: status.db === 'ok' ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
