/**
 * The demo city's live feed: every few seconds a handful of realistic payments "now", sent over
 * Socket.IO /ingest with acknowledgements exactly as a real worker sends them.
 */
import { io, type Socket } from 'socket.io-client';
import { buildDemoCity, type DemoPlanLine } from '../db/seeds/demo-city';
import { orgPayees } from '../db/seeds/demo-departments';
import { Random } from '../db/seeds/random';
import { fiscalToday } from '../src/lib/domain/fiscal';
import type { IngestAck, IngestError } from '../src/lib/domain/records';

export interface Simulator {
	stop(): Promise<void>;
}

export interface SimulatorOptions {
	url: string;
	key: string;
	tz: string;
	/** Mean seconds between batches. */
	intervalSeconds?: number;
	log?: (message: string) => void;
}

const GOODS_ECON = ['30201', '30206', '30207', '30209', '30211', '30213', '30216', '30218', '30226', '30227', '30299'];

export function startSimulator(options: SimulatorOptions): Simulator {
	const log = options.log ?? (() => {});
	const interval = (options.intervalSeconds ?? 3) * 1000;
	const year = Number(fiscalToday(options.tz).slice(0, 4));
	const city = buildDemoCity(year);
	const lines = city.lines.filter((l) => l.pattern === 'goods' || l.pattern === 'works' || l.pattern === 'persons');
	const unitName = new Map(city.units.map((u) => [u.code, u.name]));
	const rng = new Random(Date.now() & 0x7fffffff);
	const runId = Date.now().toString(36);
	let seq = 0;
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;

	const socket: Socket = io(`${options.url}/ingest`, { auth: { key: options.key }, transports: ['websocket'] });
	socket.on('connect_error', (err) => log(`simulator: cannot connect (${err.message}), retrying`));

	const paymentOf = (line: DemoPlanLine) => {
		const works = line.pattern === 'works';
		const person = line.pattern === 'persons';
		const fen = Math.max(100, Math.round(rng.logNormal(works ? 180_000_00 : person ? 2_600_00 : 6_000_00, works ? 1 : 1.2)));
		const agency = rng.pick(line.agencyCodes);
		return {
			id: `SIM-${runId}-${++seq}`,
			paidAt: new Date().toISOString(),
			deptCode: line.deptCode,
			agencyCode: agency,
			funcCode: line.funcCode,
			econCode: line.econCode.length === 5 ? line.econCode : line.econCode === '302' ? rng.pick(GOODS_ECON) : `${line.econCode}99`,
			projectCode: line.projectCode,
			amount: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`,
			payType: works ? 'direct' : 'authorized',
			payee: person ? '（个人）' + rng.pick(['张', '王', '李', '刘', '陈']) + rng.pick(['伟', '芳', '敏', '强', '静']) : rng.pick(orgPayees),
			payeeKind: person ? 'person' : 'org',
			purpose: `${unitName.get(agency) ?? ''}${line.projectName ?? ''}`
		};
	};

	const tick = () => {
		if (stopped) return;
		if (socket.connected) {
			const count = rng.int(1, 6);
			const records = Array.from({ length: count }, () => paymentOf(rng.weighted(lines, (l) => Number(l.amount / 1_000_000n) + 1)));
			const batchId = `sim-${runId}-${seq}`;
			socket.timeout(10_000).emit('batch', { batchId, kind: 'payment', records }, (err: Error | null, ack: IngestAck | IngestError) => {
				if (err) log(`simulator: batch ${batchId} not acknowledged (${err.message})`);
				else if ('error' in ack) log(`simulator: batch ${batchId} failed: ${ack.error}`);
			});
		}
		timer = setTimeout(tick, interval * (0.5 + rng.next()));
	};
	timer = setTimeout(tick, 1000);
	log(`demo feed: simulated payments every ~${interval / 1000}s`);

	return {
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			socket.close();
		}
	};
}
