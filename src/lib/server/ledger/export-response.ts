// The HTTP answer of the ledger export endpoints (export.csv, export.xlsx): guard, filter, size
// limit, and the file streamed as an attachment.
import { error, type RequestEvent } from '@sveltejs/kit';
import { parseLedgerFilter, seesPersonalPayees } from '../../domain/ledger-filter';
import { requireUser } from '../auth/guard';
import { EXPORT_LIMIT, exportSize } from './queries';
import { csvStream, exportFileName, xlsxStream } from './export-files';
import { periodQuery } from '../query';
import { runtime } from '../runtime';

const TYPES = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

export async function download(event: RequestEvent, ext: 'csv' | 'xlsx'): Promise<Response> {
	const user = requireUser(event);
	const { year, budgetKind, asOf } = periodQuery(event.url);
	const parsed = parseLedgerFilter(event.url.searchParams, year, asOf);
	if (!parsed.ok) error(400, parsed.errors.join('; '));
	const personalPayees = seesPersonalPayees(user.role);
	const scope = { year, budgetKind };
	const size = await exportSize(scope, parsed.filter, personalPayees);
	if (size > EXPORT_LIMIT)
		error(
			413,
			`${size} payments match, more than the ${EXPORT_LIMIT} one export may hold: narrow the filter`
		);
	const req = {
		scope,
		filter: parsed.filter,
		personalPayees,
		locale: event.locals.locale,
		tz: runtime().config.fiscalTz
	};
	const name = exportFileName(parsed.filter, ext, event.locals.locale);
	return new Response(ext === 'csv' ? csvStream(req) : xlsxStream(req), {
		headers: {
			'content-type': TYPES[ext],
			'content-disposition': `attachment; filename="${ext === 'csv' ? 'payments.csv' : 'payments.xlsx'}"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'cache-control': 'no-store',
			'x-row-count': String(size)
		}
	});
}
