/**
 * The privacy rule on the server (the rule itself: src/lib/domain/privacy.ts; docs/security.md).
 * Every read that sends payees or 用途 out — pages and their data, exports, the wall, the overview's
 * ticker — goes through here: `viewerOf` says who the response is for, `showPayments` applies the
 * rule to rows, and `payeeSearch` / `payeeSortKey` keep a search or a sort from revealing what the
 * rows hide. No other module may select payee or purpose for a response (a lint test checks).
 *
 * Usage:
 *   const viewer = privacy.viewerOf(event.locals);
 *   const shown = await privacy.showPayments(found, viewer);
 *   const history = await privacy.showNotes(detail.history, viewer);
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, textArray, type Executor } from '../../../db/client';
import {
	PersonNames,
	seesPersons,
	showPayee,
	viewerOfRole,
	type PayeeFacts,
	type PayeeShown,
	type Viewer
} from '../domain/privacy';
import { db, hasRuntime, runtime } from './runtime';

export type { Viewer } from '../domain/privacy';

/** Who a request is for: a signed-in person by role; a wall display (or anyone else) as a display. */
export function viewerOf(locals: Pick<App.Locals, 'user'>): Viewer {
	return viewerOfRole(locals.user?.role);
}

interface NameCache {
	names: PersonNames;
	top: number;
}
// One cache per database (tests open several in one process); names are only ever added.
const caches = new WeakMap<object, NameCache>();

/**
 * The names of person payees, cached per process and brought up to date on each call with what
 * was added since (one small query). A cache that holds fewer names than the table (names added
 * out of id order by concurrent writers) is read again whole.
 */
export async function personNames(ex: Executor = db()): Promise<PersonNames> {
	const key = hasRuntime() ? runtime().database : null;
	const cache = (key && caches.get(key)) || { names: new PersonNames(), top: 0 };
	const [{ n, top }] = await rows<{ n: number; top: number }>(
		ex,
		sql`select count(*)::int as n, coalesce(max(id), 0)::int as top from person_name`
	);
	if (n !== cache.names.size || top !== cache.top) {
		const added = await rows<{ id: number; name: string }>(
			ex,
			sql`select id, name from person_name where id > ${cache.top} order by id`
		);
		for (const a of added) cache.names.add(a.name);
		cache.top = Math.max(cache.top, ...added.map((a) => a.id));
		if (cache.names.size < n) {
			const all = await rows<{ name: string }>(ex, sql`select name from person_name`);
			cache.names = new PersonNames(all.map((a) => a.name));
		}
	}
	if (key) caches.set(key, cache);
	return cache.names;
}

/**
 * Rows with the payee fields replaced by what the viewer may see of them. Pass the transaction a
 * caller is in (an embedded database serves one transaction at a time).
 */
export async function showPayments<T extends PayeeFacts>(
	found: readonly T[],
	viewer: Viewer,
	ex: Executor = db()
): Promise<(Omit<T, keyof PayeeFacts> & PayeeShown)[]> {
	const names =
		seesPersons(viewer) || found.length === 0 ? new PersonNames() : await personNames(ex);
	return found.map((r) => ({ ...r, ...showPayee(r, viewer, names) }));
}

/**
 * Entries with free text someone wrote (a case's history notes: "已与张三本人核实") shown as the
 * viewer may see it: every known person's name masked for a member or a display, as in an
 * organisation's 用途. Staff's notes name whom they checked with; members read the case too.
 */
export async function showNotes<T extends { note: string | null }>(
	entries: readonly T[],
	viewer: Viewer,
	ex: Executor = db()
): Promise<T[]> {
	if (seesPersons(viewer) || !entries.some((e) => e.note)) return [...entries];
	const names = await personNames(ex);
	const nonStaff = viewer as Exclude<Viewer, 'staff'>;
	return entries.map((e) => (e.note ? { ...e, note: names.mask(e.note, nonStaff) } : e));
}

/**
 * The text search over payee and 用途 (columns `p.payee`, `p.payee_kind`, `p.purpose`). Staff
 * search everything. Anyone else finds only what they see: organisations' names, and 用途 of
 * organisations' payments — except those naming a person who shares a character with the term,
 * since there the term might match the masked part of the name.
 */
export async function payeeSearch(term: string, viewer: Viewer, ex: Executor = db()): Promise<SQL> {
	const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	if (seesPersons(viewer)) return sql`(p.payee ilike ${pattern} or p.purpose ilike ${pattern})`;
	const risky = (await personNames(ex)).sharingCharsWith(term);
	const purposeFound =
		risky.length === 0
			? sql`p.purpose ilike ${pattern}`
			: sql`(p.purpose ilike ${pattern} and not exists (select 1 from unnest(${textArray(risky)}) n(name)
				where strpos(p.purpose, n.name) > 0))`;
	return sql`(p.payee_kind = 'org' and (p.payee ilike ${pattern} or ${purposeFound}))`;
}

/**
 * What rows sort by when sorted by payee: the name as the viewer sees it (a person's surname for a
 * member, nothing for a display), so the order reveals nothing of the hidden part.
 */
export function payeeSortKey(viewer: Viewer): SQL {
	if (seesPersons(viewer)) return sql`coalesce(p.payee, '')`;
	if (viewer === 'member')
		return sql`(case when p.payee_kind = 'org' then coalesce(p.payee, '') else left(coalesce(p.payee, ''), 1) end)`;
	return sql`(case when p.payee_kind = 'org' then coalesce(p.payee, '') else '' end)`;
}
