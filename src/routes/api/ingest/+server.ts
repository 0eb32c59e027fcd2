import { json, type RequestHandler } from '@sveltejs/kit';
import * as ingestApi from '$lib/server/ingest/http';

/** Transport B of the ingest contract: POST a batch with `Authorization: Bearer <key>`. */
export const POST: RequestHandler = async ({ request }) => {
	const { status, body } = await ingestApi.handle(request);
	return json(body, { status });
};
