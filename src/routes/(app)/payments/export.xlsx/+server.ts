import { download } from '$lib/server/ledger/export-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => download(event, 'xlsx');
