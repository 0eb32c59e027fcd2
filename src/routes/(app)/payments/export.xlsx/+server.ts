import { download } from '$lib/server/ledger-download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => download(event, 'xlsx');
