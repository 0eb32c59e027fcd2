/**
 * Bad and awkward input through `npm run ingest -- --once DIR` against a real app server: every
 * outcome visible (failed/ report, quarantine row with its reason), nothing crashes.
 */
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/figures';
import type { RunningServer } from '../support/server';
import {
	dropFolder,
	encodeGbk,
	lcg,
	openBackend,
	startWorker,
	yuanWithSeparators,
	type Backend
} from '../support/worker';

const backendName = process.env.TEST_DATABASE_URL ? ('postgres' as const) : ('pglite' as const);
const HEAD = 'id,paidAt,deptCode,agencyCode,funcCode,econCode,amount,payee';
const row = (
	id: string,
	over: Partial<Record<'paidAt' | 'deptCode' | 'funcCode' | 'econCode' | 'amount', string>> = {}
) =>
	[
		id,
		over.paidAt ?? '2026-05-11T10:00:00+08:00',
		over.deptCode ?? '122',
		'122001',
		over.funcCode ?? '2050202',
		over.econCode ?? '30201',
		over.amount ?? '100.00',
		'市华联办公设备有限公司'
	].join(',');
const csv = (...lines: string[]) => `${[HEAD, ...lines].join('\n')}\n`;

describe(`ingest worker with bad input (${backendName})`, () => {
	let backend: Backend;
	let dir: string;
	let exitCode: number | null;
	let output: string;
	let serverOutput: string;
	const report = (name: string) => readFileSync(join(dir, 'failed', `${name}.report.txt`), 'utf8');
	const quarantine = (idLike: string) =>
		backend.query<{ record_id: string; reason: string; raw: unknown }>(
			`select record_id, reason, raw from quarantine where record_id like '${idLike}' order by id`
		);
	const payment = async (id: string) =>
		(
			await backend.query<{
				amount: string;
				paid_utc: string;
				fiscal_date: string;
				payee: string;
				dept_code: string;
			}>(
				`select amount::text, to_char(paid_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as paid_utc, fiscal_date::text, payee, dept_code from payment where id = '${id}'`
			)
		)[0];

	beforeAll(async () => {
		backend = await openBackend(backendName);
		dir = dropFolder({
			'payment-malformed.json':
				'[{"id":"MJ-1","paidAt":"2026-05-11T10:00:00+08:00","deptCode":"122","funcCode":"2050202","econCode":"30201","amount":"1.00"},\n{"id":"MJ-2",]',
			'payment-missing.csv':
				'id,paidAt,deptCode,amount\nMF-1,2026-05-11T10:00:00+08:00,122,10.00\n' +
				`MF-2,2026-05-11T10:00:00+08:00,,10.00\n`,
			'payment-amounts.csv': csv(
				row('AM-1', { amount: 'abc' }),
				row('AM-2', { amount: '12.345' }),
				row('AM-3', { amount: '"1,234.50"' }),
				row('AM-4', { amount: '"-2,000.05"' })
			),
			'payment-dates.csv': csv(
				row('DT-1', { paidAt: '2026-02-30' }),
				row('DT-2', { paidAt: '2026-13-01T10:00:00+08:00' }),
				row('DT-3', { paidAt: '2026-05-11 09:30' }),
				row('DT-4', { paidAt: '2026/5/11 0:30' })
			),
			'payment-codes.csv': csv(
				row('CD-1', { funcCode: '20502AB' }),
				row('CD-2', { econCode: '3020X' }),
				row('CD-3', { deptCode: '12A' })
			),
			'支付-excel-gbk.csv': encodeGbk(
				'支付凭证号,支付日期,预算单位编码,基层预算单位编码,功能科目编码,经济科目编码,支付金额,收款人\r\nGB-1,2026/5/11 10:00,122,122001,2050202,30201,"1,234.50",市华联办公设备有限公司\r\n'
			),
			'payment-bom.csv': `\uFEFF${csv(row('BOM-1'))}`,
			'payment-header-only.csv': `${HEAD}\n`,
			'payment-unknown-dept.csv': csv(row('UD-1', { deptCode: '998' })),
			'payment-conflict.csv': csv(
				row('CF-1', { amount: '500.00' }),
				row('CF-1', { amount: '501.00' })
			),
			'payment-unknown-headers.csv': 'voucher,when,amount\nUH-1,2026-05-11,1.00\n',
			'payment-custom.csv':
				'凭证编号,支付日期,预算单位编码,功能科目编码,经济科目编码,支付金额,发票号\nHM-1,2026-05-11 10:00,122,2050202,30201,88.00,INV-1\n',
			'headers.json': JSON.stringify({ columns: { 凭证编号: 'id', 发票号: '-' } }),
			// A neutral name and no kind column: the contract's payment columns say what it is.
			'export-0712.csv': csv(row('NN-1', { amount: '12.00' }), row('NN-2', { amount: '13.00' }))
		});
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('国库支付');
		sheet.addRow([
			'支付凭证号',
			'支付日期',
			'预算单位编码',
			'功能科目编码',
			'经济科目编码',
			'支付金额',
			'支付方式'
		]);
		sheet.addRow([
			'XL-1',
			new Date(Date.UTC(2026, 4, 11, 9, 45)),
			'122',
			'2050202',
			'30201',
			98765.43,
			'直接支付'
		]);
		sheet.getCell('B2').numFmt = 'yyyy/m/d h:mm';
		await workbook.xlsx.writeFile(join(dir, '支付-excel.xlsx'));
		// A finance system's export named by its month only: 支付凭证号, 支付日期, …, 支付金额 decide the kind.
		const neutral = new ExcelJS.Workbook();
		neutral.addWorksheet('Sheet1').addRows([
			['支付凭证号', '支付日期', '预算单位编码', '功能科目编码', '经济科目编码', '支付金额'],
			['NX-1', '2026-07-03 09:30:00', '122', '2050202', '30201', '1234.56']
		]);
		await neutral.xlsx.writeFile(join(dir, '2026年7月份数据.xlsx'));
		const server: RunningServer = await backend.start();
		try {
			const worker = startWorker(['--once', dir], { INGEST_URL: server.url });
			exitCode = await worker.exited;
			output = worker.output();
			// The server survived all of it.
			expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		} finally {
			serverOutput = server.output();
			await server.stop();
		}
	}, 240_000);
	afterAll(async () => backend?.drop());

	it('exits 1 when anything was rejected, having processed every file', () => {
		expect(exitCode, output).toBe(1);
		expect(output).toMatch(/15 file\(s\): 7 done, 8 failed/);
		expect(
			readdirSync(dir).filter(
				(f) => !f.startsWith('.') && f !== 'headers.json' && statSync(join(dir, f)).isFile()
			)
		).toEqual([]);
		expect(serverOutput).not.toMatch(/uncaught|unhandled/i);
	});

	it('takes the kind from the columns of an XLSX and a CSV with neutral names, and stores them', async () => {
		expect(readdirSync(join(dir, 'done'))).toEqual(
			expect.arrayContaining(['2026年7月份数据.xlsx', 'export-0712.csv'])
		);
		expect((await payment('NN-1'))?.amount).toBe('12.00');
		expect((await payment('NN-2'))?.amount).toBe('13.00');
		expect(await payment('NX-1')).toMatchObject({
			amount: '1234.56',
			paid_utc: '2026-07-03T01:30:00'
		});
	});

	it('refuses malformed JSON whole, with a report, storing nothing of it', async () => {
		expect(report('payment-malformed.json')).toMatch(
			/cannot be read: malformed JSON in record 2 \(line 2\)/
		);
		expect(await payment('MJ-1')).toBeUndefined();
	});

	it('quarantines records with missing fields and names each row', async () => {
		const text = report('payment-missing.csv');
		expect(text).toMatch(/row 2, id MF-1: .*funcCode: is required/);
		expect(text).toMatch(/row 3, id MF-2: .*deptCode: is required/);
		expect((await quarantine('MF-%')).map((q) => q.record_id)).toEqual(['MF-1', 'MF-2']);
	});

	it('quarantines non-numeric and over-precise amounts and takes thousands separators exactly', async () => {
		const q = await quarantine('AM-%');
		expect(q.map((r) => [r.record_id, r.reason])).toEqual([
			[
				'AM-1',
				expect.stringContaining(
					'amount: must be a decimal amount in 元 with at most 2 decimals, got "abc"'
				)
			],
			['AM-2', expect.stringContaining('got "12.345"')]
		]);
		expect(report('payment-amounts.csv')).toMatch(/row 3, id AM-2: amount/);
		expect((await payment('AM-3'))?.amount).toBe('1234.50');
		expect((await payment('AM-4'))?.amount).toBe('-2000.05');
	});

	it('quarantines impossible dates and reads dates without an offset as Asia/Shanghai time', async () => {
		expect((await quarantine('DT-%')).map((r) => [r.record_id, r.reason])).toEqual([
			[
				'DT-1',
				expect.stringContaining(
					'paidAt: must be an ISO 8601 date-time that exists, got "2026-02-30"'
				)
			],
			['DT-2', expect.stringContaining('paidAt: must be an ISO 8601 date-time that exists')]
		]);
		expect(await payment('DT-3')).toMatchObject({
			paid_utc: '2026-05-11T01:30:00',
			fiscal_date: '2026-05-11'
		});
		// 00:30 in Shanghai is the previous day in UTC: the fiscal day is still the 11th.
		expect(await payment('DT-4')).toMatchObject({
			paid_utc: '2026-05-10T16:30:00',
			fiscal_date: '2026-05-11'
		});
	});

	it('quarantines codes with letters', async () => {
		const q = await quarantine('CD-%');
		expect(q.map((r) => r.record_id)).toEqual(['CD-1', 'CD-2', 'CD-3']);
		expect(q[0].reason).toContain('funcCode: must contain digits only, got "20502AB"');
		expect(q[1].reason).toContain('econCode: must contain digits only');
		expect(q[2].reason).toContain('deptCode: must be 1–20 digits');
		expect(q[0].raw).toMatchObject({ id: 'CD-1', funcCode: '20502AB' });
	});

	it('reads a GBK file as Excel writes it in China, Chinese headers and all', async () => {
		expect(existsSync(join(dir, 'done', '支付-excel-gbk.csv'))).toBe(true);
		expect(await payment('GB-1')).toMatchObject({
			amount: '1234.50',
			payee: '市华联办公设备有限公司',
			paid_utc: '2026-05-11T02:00:00'
		});
	});

	it('reads an XLSX workbook, its date cells as Asia/Shanghai wall-clock time', async () => {
		expect(existsSync(join(dir, 'done', '支付-excel.xlsx'))).toBe(true);
		expect(await payment('XL-1')).toMatchObject({
			amount: '98765.43',
			paid_utc: '2026-05-11T01:45:00'
		});
	});

	it('reads a UTF-8 file with a BOM', async () => {
		expect(existsSync(join(dir, 'done', 'payment-bom.csv'))).toBe(true);
		expect((await payment('BOM-1'))?.amount).toBe('100.00');
	});

	it('fails a header-only file with a clear report', () => {
		expect(report('payment-header-only.csv')).toContain('the file has a header row but no records');
	});

	it('accepts a payment of an unknown department', async () => {
		expect(existsSync(join(dir, 'done', 'payment-unknown-dept.csv'))).toBe(true);
		expect((await payment('UD-1'))?.dept_code).toBe('998');
	});

	it('keeps the first of two records with the same id and different content, quarantining the second', async () => {
		expect((await payment('CF-1'))?.amount).toBe('500.00');
		const q = await quarantine('CF-1');
		expect(q).toHaveLength(1);
		expect(q[0].reason).toMatch(/conflict/);
		expect(q[0].raw).toMatchObject({ amount: '501.00' });
		expect(report('payment-conflict.csv')).toMatch(/row 3, id CF-1: conflict: id CF-1/);
	});

	it('fails a file with unknown headers, saying how to map them', () => {
		expect(report('payment-unknown-headers.csv')).toMatch(
			/unknown columns "voucher", "when": name the field each one holds in headers.json/
		);
	});

	it('takes headers staff mapped in headers.json', async () => {
		expect((await payment('HM-1'))?.amount).toBe('88.00');
	});
});

describe(`ingest worker with a 100 MB file (${backendName})`, () => {
	it('streams it with bounded memory and stores every record exactly', async () => {
		const backend = await openBackend(backendName);
		const dir = dropFolder();
		const path = join(dir, 'payment-100mb.csv');
		// Long purposes make rows of about 1.5 kB, as some exports have: 100 MB is some 70,000 records.
		const out = createWriteStream(path);
		out.write(
			'支付凭证号,支付日期,预算单位编码,基层预算单位编码,功能科目编码,经济科目编码,支付金额,收款人,用途\n'
		);
		const next = lcg(42);
		let bytes = 0;
		let count = 0;
		let sumFen = 0n;
		const filler = '城区道路提升改造工程进度款及配套设施采购安装调试费用'.repeat(17);
		while (bytes < 100 * 1024 * 1024) {
			count++;
			const fen = BigInt(next() % 500_000_000) + 1n;
			sumFen += fen;
			const line = `BIG-${count},2026-06-${String((count % 28) + 1).padStart(2, '0')} 10:00,122,122001,2050202,30201,"${yuanWithSeparators(fen)}",市华联办公设备有限公司,${filler}${count}\n`;
			bytes += Buffer.byteLength(line);
			if (!out.write(line)) await once(out, 'drain');
		}
		out.end();
		await once(out, 'finish');
		expect(statSync(path).size).toBeGreaterThanOrEqual(100 * 1024 * 1024);

		const server = await backend.start();
		let peakRssKb = 0;
		const started = Date.now();
		try {
			const worker = startWorker(['--once', dir], { INGEST_URL: server.url });
			const sampler = setInterval(() => {
				try {
					const m = /VmHWM:\s+(\d+)/.exec(
						readFileSync(`/proc/${worker.process.pid}/status`, 'utf8')
					);
					if (m) peakRssKb = Math.max(peakRssKb, Number(m[1]));
				} catch {
					/* exited */
				}
			}, 200);
			const code = await worker.exited;
			clearInterval(sampler);
			expect(code, worker.output().slice(-2000)).toBe(0);
		} finally {
			await server.stop();
		}
		const ms = Date.now() - started;
		recordFigure(`worker: 100 MB CSV (${count} records) to ${backendName}, end to end (ms)`, ms);
		recordFigure(
			`worker: 100 MB CSV, records per second (${backendName})`,
			Math.round((count * 1000) / ms)
		);
		recordFigure(
			'worker: peak resident memory for a 100 MB file (MB)',
			Math.round(peakRssKb / 1024)
		);
		expect(peakRssKb / 1024).toBeLessThan(300);
		const [p] = await backend.query<{ n: string; s: string }>(
			`select count(*)::text as n, sum(amount)::text as s from payment where id like 'BIG-%'`
		);
		expect(Number(p.n)).toBe(count);
		expect(BigInt(p.s.replace('.', ''))).toBe(sumFen);
		await backend.drop();
	}, 1_200_000);
});
