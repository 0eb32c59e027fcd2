/**
 * Client-side sorting of a page's (aggregated, already complete) table: click a header to sort by
 * it, again to reverse. Money and rates sort numerically from their exact strings.
 *
 * Usage: const sort = new TableSort<Row>({ executed: (r) => r.executed, name: (r) => r.name }, 'executed');
 *        {#each sort.apply(rows) as row} … <SortTh {sort} key="executed">…</SortTh>
 */
export type SortValue = string | number | null;

export class TableSort<T> {
	key = $state('');
	dir = $state<'asc' | 'desc'>('desc');

	constructor(
		private readonly accessors: Record<string, (row: T) => SortValue>,
		initial: string,
		dir: 'asc' | 'desc' = 'desc'
	) {
		this.key = initial;
		this.dir = dir;
	}

	toggle(key: string): void {
		if (this.key === key) this.dir = this.dir === 'asc' ? 'desc' : 'asc';
		else {
			this.key = key;
			this.dir = 'desc';
		}
	}

	apply(rows: readonly T[]): T[] {
		const get = this.accessors[this.key];
		if (!get) return [...rows];
		const sign = this.dir === 'asc' ? 1 : -1;
		return [...rows].sort((a, b) => sign * compareValues(get(a), get(b)));
	}
}

/** Nulls last; numeric strings ("1234.50", "-0.0312") compare as numbers, other text by locale. */
export function compareValues(a: SortValue, b: SortValue): number {
	if (a === null || a === '') return b === null || b === '' ? 0 : -1;
	if (b === null || b === '') return 1;
	const na = typeof a === 'number' ? a : /^-?\d+(\.\d+)?$/.test(a) ? Number(a) : NaN;
	const nb = typeof b === 'number' ? b : /^-?\d+(\.\d+)?$/.test(b) ? Number(b) : NaN;
	if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
	return String(a).localeCompare(String(b), 'zh-CN');
}
