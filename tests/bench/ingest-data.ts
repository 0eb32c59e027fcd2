// The ingest benchmark's input: a file of payments, one JSON record per line, time-ordered over a
// fiscal year like a real feed, drawn from the dashboards benchmark's city.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Random } from '../../src/lib/demo/random';
import { buildCity, workingDays } from './dashboards-data';

/**
 * Writes `count` payments; `perYear` sets their density: the file holds the first `count` payments of
 * a year of `perYear` (so a sustained run of 300,000 sees the days a 5,000,000-payment year has).
 */
export async function writePaymentsFile(
	file: string,
	count: number,
	seed: number,
	year: number,
	perYear = count
): Promise<void> {
	const city = buildCity({ year, payments: count, lastYearPayments: 0, seed: 5_000_000 });
	const days = workingDays(year);
	const r = new Random(seed);
	const out = createWriteStream(file);
	let chunk = '';
	for (let g = 0; g < count; g++) {
		const day = days[Math.min(days.length - 1, Math.floor((g * days.length) / perYear))];
		const seconds = 8 * 3600 + Math.floor(r.next() * 9 * 3600);
		const time = `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
		const c = city.combos[Math.floor(city.combos.length * r.next() ** 2)];
		// Most payments a few thousand 元, one in fifty hundreds of thousands; integer fen.
		const scale = r.next() < 0.02 ? 300_000 : 6_000;
		const fen = Math.max(
			100,
			Math.min(30_000_000_000, Math.round(scale * Math.exp(1.25 * r.normal()) * 100))
		);
		const person = c.econ.startsWith('303');
		const record = {
			id: `BI${year}-${seed}-${g}`,
			paidAt: `${day}T${time}+08:00`,
			deptCode: c.dept,
			agencyCode: c.agency,
			funcCode: c.func,
			econCode: c.econ,
			projectCode: c.project || undefined,
			amount: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`,
			payType: 'authorized',
			payee: person ? `个人${g % 997}` : `基准收款单位${g % 331}`,
			payeeKind: person ? 'person' : 'org',
			purpose: '基准用途'
		};
		chunk += `${JSON.stringify(record)}\n`;
		if (chunk.length > 1 << 20) {
			if (!out.write(chunk)) await once(out, 'drain');
			chunk = '';
		}
	}
	out.end(chunk);
	await once(out, 'finish');
}

export async function* readRecords(file: string): AsyncGenerator<Record<string, unknown>> {
	const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
	for await (const line of lines) if (line) yield JSON.parse(line) as Record<string, unknown>;
}
