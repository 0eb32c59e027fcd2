// Wall screens reuse the app's chart option builders and enlarge their text for reading from 3 m.

/** A copy of an ECharts option with every `fontSize` multiplied by `factor` (functions kept as they are). */
export function enlargeText<T>(option: T, factor: number): T {
	const walk = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(walk);
		if (value === null || typeof value !== 'object') return value;
		const out: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value)) {
			out[key] = key === 'fontSize' && typeof v === 'number' ? Math.round(v * factor) : walk(v);
		}
		return out;
	};
	return walk(option) as T;
}
