/**
 * What no handler can take, refused with 400 before any runs: a NUL character in a path
 * parameter, a query value or a form field. PostgreSQL text cannot hold one, so it would end as a
 * failed query (500) wherever the value reached the database.
 *
 * Usage (hooks.server.ts): const problem = await unusableInput(event); if (problem) → 400.
 */
import type { RequestEvent } from '@sveltejs/kit';

const NUL = '\u0000';
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** Why the request cannot be served, or null. */
export async function unusableInput(
	event: Pick<RequestEvent, 'params' | 'url' | 'request'>
): Promise<string | null> {
	for (const [name, value] of Object.entries(event.params))
		if (value?.includes(NUL)) return `path parameter ${name}: contains a NUL character`;
	for (const [name, value] of event.url.searchParams)
		if (value.includes(NUL) || name.includes(NUL))
			return `query parameter ${name.replaceAll(NUL, '')}: contains a NUL character`;
	const type = (event.request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (event.request.method !== 'GET' && FORM_TYPES.includes(type)) {
		// A copy: the handler reads the body itself. Forms are small (the server's body limit).
		const form = await event.request
			.clone()
			.formData()
			.catch(() => null);
		for (const [name, value] of form ?? [])
			if (name.includes(NUL) || (typeof value === 'string' && value.includes(NUL)))
				return `form field ${name.replaceAll(NUL, '')}: contains a NUL character`;
	}
	return null;
}
