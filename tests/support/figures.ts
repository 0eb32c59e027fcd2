/** Measured figures from tests (latencies, start-up times), printed and kept in test-results/figures.json. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = 'test-results/figures.json';

export function recordFigure(name: string, value: number): void {
	console.log(`[figure] ${name}: ${value}`);
	mkdirSync('test-results', { recursive: true });
	let all: Record<string, number> = {};
	try {
		all = JSON.parse(readFileSync(FILE, 'utf8'));
	} catch {
		/* first figure */
	}
	all[name] = value;
	writeFileSync(FILE, JSON.stringify(all, null, 2));
}
