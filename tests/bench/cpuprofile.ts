/**
 * A CDP `.cpuprofile` summarised: self time by function (name, file and line), the idle and
 * garbage-collector entries kept apart. For `npm run bench:wall -- --profile FILE`.
 */
export interface CpuProfile {
	nodes: {
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	}[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

/** Milliseconds of self time per function, adding up several profiles. */
export function selfTimes(profiles: CpuProfile[]): Map<string, number> {
	const out = new Map<string, number>();
	for (const p of profiles) {
		const names = new Map(
			p.nodes.map((n) => {
				const f = n.callFrame;
				const file = f.url.replace(/^.*\/(?=[^/]+$)/, '');
				const where = file ? ` ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '';
				return [n.id, `${f.functionName || '(anonymous)'}${where}`];
			})
		);
		// A sample's time runs until the next one (DevTools' attribution).
		for (let i = 0; i < p.samples.length; i++) {
			const next = p.timeDeltas[i + 1] ?? 0;
			const name = names.get(p.samples[i])!;
			out.set(name, (out.get(name) ?? 0) + next / 1000);
		}
	}
	return out;
}

/** The `top` largest self times, and their total over all functions (idle excluded), as lines. */
export function summary(profiles: CpuProfile[], top = 25): string {
	const times = [...selfTimes(profiles)].filter(([n]) => !n.startsWith('(idle)'));
	const total = times.reduce((a, [, t]) => a + t, 0);
	const per = (ms: number) => (ms / Math.max(1, profiles.length)).toFixed(2);
	const lines = times
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.map(([n, t]) => `${per(t).padStart(7)} ms  ${n}`);
	return [`busy ${per(total)} ms per update (sampled, idle excluded)`, ...lines].join('\n');
}

/** Self time by file (the bundle's chunk, or a native entry such as (program) or (garbage collector)). */
export function byFile(profiles: CpuProfile[]): string {
	const files = new Map<string, number>();
	for (const [name, t] of selfTimes(profiles)) {
		if (name.startsWith('(idle)')) continue;
		const file = name.includes(' ') ? name.split(' ')[1].replace(/:\d+:\d+$/, '') : name;
		files.set(file, (files.get(file) ?? 0) + t);
	}
	return [...files]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 12)
		.map(([f, t]) => `${(t / Math.max(1, profiles.length)).toFixed(2).padStart(7)} ms  ${f}`)
		.join('\n');
}
