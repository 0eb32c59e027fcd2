/**
 * How deep a record may nest. A record is a flat object of fields (asset figures one level down);
 * one nested thousands of levels deep is refused alone, with its reason, before anything recursive
 * (JSON.stringify, the database's JSON) can run out of stack on it.
 */

export const MAX_RECORD_DEPTH = 32;

/** True when `raw` nests objects or arrays more than `max` levels deep (walked without recursion). */
export function recordDepthExceeds(raw: unknown, max: number = MAX_RECORD_DEPTH): boolean {
	const stack: [unknown, number][] = [[raw, 0]];
	let visited = 0;
	while (stack.length > 0) {
		const [value, depth] = stack.pop()!;
		if (value === null || typeof value !== 'object') continue;
		if (depth >= max) return true;
		// A record's size limit stops wide records elsewhere; this only bounds the walk.
		if (++visited > 100_000) return true;
		for (const key in value) stack.push([(value as Record<string, unknown>)[key], depth + 1]);
	}
	return false;
}

/**
 * What quarantine keeps of a record nested too deep: its first `max` levels, deeper values replaced
 * by the text "…(nested too deep)", so staff see what was sent.
 */
export function shallowCopy(raw: unknown, max: number = MAX_RECORD_DEPTH): unknown {
	const copy = (value: unknown, depth: number): unknown => {
		if (value === null || typeof value !== 'object') return value;
		if (depth >= max) return '…(nested too deep)';
		if (Array.isArray(value)) return value.slice(0, 100).map((v) => copy(v, depth + 1));
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).slice(0, 100))
			out[key] = copy((value as Record<string, unknown>)[key], depth + 1);
		return out;
	};
	return copy(raw, 0);
}
