/**
 * One plan line's payments in one month, by how the line is paid: payroll on payday, bulk transfers
 * to a paying bank, a few lump sums, or many small and skewed payments until the month's target.
 */
import { functionName, economicCodeOf } from './codes';
import { HOUR_WEIGHTS, isHoliday, moment, workingDays, type Moment } from './calendar';
import { fenText } from './numbers';
import {
	DISTRICT_TREASURIES,
	GOODS_TRADES,
	lineKey,
	linePayees,
	lumpRecipients,
	orgPayees,
	personName,
	WORKS_TRADES
} from './payees';
import type { DemoPayment } from './payments';
import type { DemoPlanLine } from './plan-lines';
import { purposeOf } from './purposes';
import type { Random } from './random';

const HOURS = HOUR_WEIGHTS.map((w, hour) => ({ hour, w })).filter((h) => h.w > 0);

/** An office-hours moment: the hour by the treasury's day, the minute and second at random. */
function officeTime(year: number, month: number, day: number, r: Random): Moment {
	const { hour } = r.weighted(HOURS, (h) => h.w);
	return moment(year, month, day, hour, r.int(0, 59), r.int(0, 59));
}

/** A payment before it is numbered, with a key that sorts like its time. */
export type PendingPayment = Omit<DemoPayment, 'id'> & { key: number };

export interface LineMonth {
	line: DemoPlanLine;
	year: number;
	month: number;
	/** The last day of the month to pay on. */
	maxDay: number;
	/** Fen to pay (float only while generating). */
	target: number;
	r: Random;
	unitName: Map<string, string>;
	/** Each line's counterparties for one generation of payments (a works line's rotation goes on from month to month). */
	pools: Map<DemoPlanLine, SupplierPool>;
}

/** Pays one amount on a working day of the month, on a unit and economic 款 drawn for the line. */
type Pay = (
	amountFen: number,
	day: number,
	payee: string,
	payeeKind: 'org' | 'person',
	purpose: string
) => void;

export function monthPayments(out: PendingPayment[], m: LineMonth): void {
	const pay = payer(out, m);
	switch (m.line.pattern) {
		case 'payroll':
			return payrollPayments(out, m);
		case 'bulk':
			return bulkPayment(pay, m);
		case 'interest':
		case 'transfer':
		case 'lump':
			return lumpPayments(pay, m);
		default:
			return manyPayments(pay, m);
	}
}

function payer(out: PendingPayment[], m: LineMonth): Pay {
	const { line, year, month, r } = m;
	return (amountFen, day, payee, payeeKind, purpose) => {
		const econ = economicCodeOf(line, r);
		if (amountFen === 0) return;
		const agency = r.pick(line.agencyCodes);
		out.push(
			payment(
				line,
				agency,
				econ,
				officeTime(year, month, day, r),
				amountFen,
				amountFen > 50_000_000 || line.pattern === 'works' ? 'direct' : 'authorized',
				payee,
				payeeKind,
				purpose || purposeOf(line.pattern, line, econ, month, r)
			)
		);
	};
}

/** The share of a month's ordinary payments paid on a weekend day (urgent ones, 调休 Saturdays). */
const WEEKEND_SHARE = 0.011;

/**
 * A working day of the month on or after `from` (now and then a weekend day); the last working day
 * when none is left.
 */
function workDayPicker(m: LineMonth): (from?: number) => number {
	const days = workingDays(m.year, m.month, m.maxDay);
	const offDays = offDaysOf(m, days);
	return (from = 1) => {
		if (offDays.length > 0 && m.r.chance(WEEKEND_SHARE)) {
			const off = offDays.filter((d) => d >= from);
			if (off.length > 0) return m.r.pick(off);
		}
		const eligible = days.filter((d) => d >= from);
		return eligible.length > 0
			? m.r.pick(eligible)
			: days.length > 0
				? days[days.length - 1]
				: m.maxDay;
	};
}

/** The month's weekend days up to maxDay (not the fixed holidays: the treasury is closed). */
function offDaysOf(m: LineMonth, working: number[]): number[] {
	const off: number[] = [];
	for (let d = 1; d <= m.maxDay; d++)
		if (!working.includes(d) && !isHoliday(m.month, d)) off.push(d);
	return off;
}

/** The working day on or before `day` (the month's first working day when none is). */
function workingDayBy(m: LineMonth, day: number): number | undefined {
	const days = workingDays(m.year, m.month, m.maxDay).filter((d) => d <= day);
	return days.length > 0 ? days[days.length - 1] : undefined;
}

const ECON_PURPOSE: Record<string, string> = {
	'30101': '基本工资',
	'30102': '津贴补贴',
	'30107': '绩效工资',
	'30108': '机关事业单位基本养老保险缴费',
	'30110': '职工基本医疗保险缴费',
	'30113': '住房公积金'
};

/**
 * Wage runs on their days: wages on the working day on or before the 10th, social insurance and
 * housing fund contributions on or before the 15th; one payment per unit and 款, in the morning.
 */
function payrollPayments(out: PendingPayment[], m: LineMonth) {
	const { line, year, month, target, r, unitName } = m;
	const contribution = ['30108', '30110', '30113'].includes(line.econCode);
	const day = workingDayBy(m, contribution ? 15 : 10);
	if (day === undefined || m.maxDay < (contribution ? 15 : 10)) return;
	const perUnit = Math.floor(target / line.agencyCodes.length);
	const econ = line.econCode === '301' ? ['30101', '30102', '30107'] : [line.econCode];
	for (const agency of line.agencyCodes) {
		let left = perUnit;
		econ.forEach((e, i) => {
			const part = i === econ.length - 1 ? left : Math.round(perUnit * (i === 0 ? 0.45 : 0.3));
			left -= part;
			const paidAt = moment(year, month, day, 9 + r.int(0, 1), r.int(0, 59), r.int(0, 59));
			const payee = payrollPayee(e, unitName.get(agency));
			const purpose = `${month}月${ECON_PURPOSE[e] ?? '工资福利'}`;
			const fen = Math.round(part / 100) * 100;
			out.push(payment(line, agency, e, paidAt, fen, 'direct', payee, 'org', purpose));
		});
	}
}

/** Contributions go to the social insurance centre and the housing fund; wages to the unit's payroll. */
function payrollPayee(econCode: string, unitName: string | undefined): string {
	if (econCode === '30108' || econCode === '30110') return '市社会保险中心';
	if (econCode === '30113') return '市住房公积金管理中心';
	return `${unitName}（代发工资）`;
}

/** Benefits paid out through a bank early in the month, in one transfer. */
function bulkPayment(pay: Pay, m: LineMonth) {
	const { line, month, maxDay, target, r } = m;
	if (maxDay < 5) return;
	pay(
		Math.round(target / 100) * 100,
		Math.min(maxDay, 5 + r.int(0, 3)),
		'市农村商业银行（代发）',
		'org',
		`${month}月${functionName(line.funcCode) ?? ''}资金代发`
	);
}

/** Interest, transfers to districts and subsidies: one to three lump sums after the 10th. */
function lumpPayments(pay: Pay, m: LineMonth) {
	const { line, target, r } = m;
	const workDay = workDayPicker(m);
	let left = target;
	const parts = line.pattern !== 'interest' && target > 500_000_000 ? r.int(1, 3) : 1;
	for (let i = 0; i < parts; i++) {
		const part = i === parts - 1 ? left : Math.round((target / parts) * (0.7 + 0.6 * r.next()));
		left -= part;
		const payee =
			line.payee ??
			(line.pattern === 'interest'
				? '湖北省财政厅（债券还本付息专户）'
				: line.funcCode.startsWith('230')
					? r.pick(DISTRICT_TREASURIES)
					: r.pick(lumpRecipients(line)));
		pay(
			Math.round(part / 100) * 100,
			workDay(10),
			payee,
			'org',
			line.projectName ?? functionName(line.funcCode) ?? ''
		);
	}
}

/** Goods, works and persons: many payments, skewed amounts, until the month's target. */
function manyPayments(pay: Pay, m: LineMonth) {
	const { line, target, r } = m;
	const workDay = workDayPicker(m);
	const [median, sigma, cap] =
		line.pattern === 'works'
			? [260_000_00, 1.1, 30_000_000_00]
			: line.pattern === 'persons'
				? [2_600_00, 0.7, 50_000_00]
				: [5_500_00, 1.05, 3_000_000_00];
	const person = line.pattern === 'persons';
	const payees = person ? undefined : supplierPool(m.pools, line, median, sigma);
	let left = target;
	let guard = 0;
	while (left > 0 && guard++ < 50_000) {
		let amount = Math.min(left, Math.max(1_00, Math.round(r.logNormal(median, sigma))), cap);
		if (left - amount < 5_00) amount = left;
		left -= amount;
		pay(amount, workDay(), payees ? payees.next(r) : personName(r), person ? 'person' : 'org', '');
	}
}

/** A line's counterparties and, for works, the next in its rotation. */
export interface SupplierPool {
	next(r: Random): string;
}

/**
 * Whom a line's many payments go to. A firm is paid about once a month, so besides the city's common
 * suppliers a line pays as many firms of its own as it makes payments in an average month. A works
 * project pays only its own contractors, subcontractors, suppliers and consultants (never the city's
 * utilities or book shop), each by monthly progress payment (按月计量支付): the payments go round
 * the project's firms, and the pool is large enough for the busiest month, so a firm is not paid
 * twice in a month. Choosing a payee is one draw whatever the pool, so the amounts and days of the
 * payments do not depend on it.
 */
function supplierPool(
	pools: Map<DemoPlanLine, SupplierPool>,
	line: DemoPlanLine,
	median: number,
	sigma: number
): SupplierPool {
	const known = pools.get(line);
	if (known) return known;
	const mean = median * Math.exp((sigma * sigma) / 2);
	const perMonth = (Number(line.amount) * line.yearExecution) / mean / 12;
	const key = lineKey(line);
	let pool: SupplierPool;
	if (line.pattern === 'works') {
		// December pays about twice an average month (shapes.ts): three months' payments leave room.
		const firms = linePayees(key, Math.max(4, Math.ceil(perMonth * 3)), WORKS_TRADES);
		let cursor = -1;
		pool = {
			next(r) {
				const drawn = r.int(0, firms.length - 1);
				cursor = cursor < 0 ? drawn : (cursor + 1) % firms.length;
				return firms[cursor];
			}
		};
	} else {
		const firms = [...orgPayees, ...linePayees(key, Math.round(perMonth), GOODS_TRADES)];
		pool = { next: (r) => r.pick(firms) };
	}
	pools.set(line, pool);
	return pool;
}

function payment(
	line: DemoPlanLine,
	agencyCode: string,
	econCode: string,
	paidAt: Moment,
	amountFen: number,
	payType: 'direct' | 'authorized',
	payee: string,
	payeeKind: 'org' | 'person',
	purpose: string
): PendingPayment {
	return {
		key: paidAt.key,
		paidAt: paidAt.text,
		budgetKind: line.budgetKind ?? 'general',
		deptCode: line.deptCode,
		agencyCode,
		funcCode: line.funcCode,
		econCode,
		projectCode: line.projectCode,
		amount: fenText(amountFen),
		payType,
		payee,
		payeeKind,
		purpose
	};
}
