// The HTTP answer of the ledger export endpoints (export.csv, export.xlsx): guard, filter, size
// limit, and the file streamed as an attachment.
import { error, type RequestEvent } from '@sveltejs/kit';
import { parseLedgerFilter } from '../../domain/ledger-filter';
import { requireUser } from '../auth/guard';
import { EXPORT_LIMIT, exportIds, exportSize } from './queries';
import { csvStream, exportFileName, xlsxStream } from './export-files';
import { viewerOf } from '../privacy';
import { periodQuery } from '../query';
import { runtime } from '../runtime';

const TYPES = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

export async function download(event: RequestEvent, ext: 'csv' | 'xlsx'): Promise<Response> {
	requireUser(event);
	const { year, budgetKind, asOf } = periodQuery(event.url);
	const parsed = parseLedgerFilter(event.url.searchParams, year, asOf);
	if (!parsed.ok) error(400, parsed.errors.join('; '));
	const viewer = viewerOf(event.locals);
	const scope = { year, budgetKind };
	const ids = await exportIds(scope, parsed.filter, viewer);
	if (ids.length > EXPORT_LIMIT)
		error(
			413,
			`${await exportSize(scope, parsed.filter, viewer)} payments match, more than the ${EXPORT_LIMIT} one export may hold: narrow the filter`
		);
	const req = { ids, viewer, locale: event.locals.locale, tz: runtime().config.fiscalTz };
	const name = exportFileName(parsed.filter, ext, event.locals.locale);
	return new Response(ext === 'csv' ? csvStream(req) : xlsxStream(req), {
		headers: {
			'content-type': TYPES[ext],
			'content-disposition': `attachment; filename="${ext === 'csv' ? 'payments.csv' : 'payments.xlsx'}"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'cache-control': 'no-store',
			'x-row-count': String(ids.length)
		}
	});
}
