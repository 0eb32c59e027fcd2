/**
 * Money is exact: amounts travel as decimal strings in 元 and are computed as bigint 分 (fen).
 * Convert to Number only at the chart boundary (`toChartNumber`).
 */

export type Fen = bigint;

const DECIMAL = /^(-)?(\d{1,16})(?:\.(\d{1,2}))?$/;

/** Parses "1234.5", "-12.30" or a number with at most two decimals into fen; null when malformed. */
export function parseYuan(value: string | number): Fen | null {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return null;
		text = String(value);
		if (/e/i.test(text)) return null;
	} else {
		text = value.trim();
	}
	const m = DECIMAL.exec(text);
	if (!m) return null;
	const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
	return m[1] && fen !== 0n ? -fen : fen;
}

/** Fen to the canonical decimal string in 元: 123450n → "1234.50". */
export function fenToYuan(fen: Fen): string {
	const negative = fen < 0n;
	const abs = negative ? -fen : fen;
	const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
	return negative ? `-${text}` : text;
}

/** A decimal string in 元 from the database ("1234.5", "1234.50", "-0.10") to fen. */
export function yuanToFen(decimal: string | null | undefined): Fen {
	if (decimal === null || decimal === undefined || decimal === '') return 0n;
	const fen = parseYuan(decimal);
	if (fen === null) throw new Error(`not a decimal amount: ${decimal}`);
	return fen;
}

/** Integer division rounding half away from zero. */
export function divRound(n: bigint, d: bigint): bigint {
	if (d === 0n) throw new RangeError('division by zero');
	const negative = n < 0n !== d < 0n;
	const an = n < 0n ? -n : n;
	const ad = d < 0n ? -d : d;
	const q = (an * 2n + ad) / (ad * 2n);
	return negative ? -q : q;
}

/**
 * a / b as a decimal fraction string with `digits` decimals ("0.5830"); null when b is zero.
 * Used for execution rates and shares, exact from integer fen.
 */
export function ratio(a: Fen, b: Fen, digits = 4): string | null {
	if (b === 0n) return null;
	const scale = 10n ** BigInt(digits);
	const q = divRound(a * scale, b);
	return scaledToDecimal(q, digits);
}

export function scaledToDecimal(q: bigint, digits: number): string {
	const negative = q < 0n;
	const abs = negative ? -q : q;
	const scale = 10n ** BigInt(digits);
	const text =
		digits === 0 ? `${abs}` : `${abs / scale}.${(abs % scale).toString().padStart(digits, '0')}`;
	return negative ? `-${text}` : text;
}

export type MoneyUnit = 'yuan' | 'wan' | 'yi';

const UNIT_FEN: Record<MoneyUnit, bigint> = { yuan: 100n, wan: 1_000_000n, yi: 10_000_000_000n };

/** The unit a figure reads best in: 亿元 from 1亿, 万元 from 1万, else 元. */
export function unitFor(fen: Fen): MoneyUnit {
	const abs = fen < 0n ? -fen : fen;
	if (abs >= UNIT_FEN.yi) return 'yi';
	if (abs >= UNIT_FEN.wan) return 'wan';
	return 'yuan';
}

/** Fen in a unit as a rounded decimal string with thousands separators: (12345678900n,'wan',2) → "1,234.57". */
export function formatIn(fen: Fen, unit: MoneyUnit, digits = 2): string {
	const q = divRound(fen * 10n ** BigInt(digits), UNIT_FEN[unit]);
	const text = scaledToDecimal(q, digits);
	return groupThousands(text);
}

/** A decimal string with thousands separators in its whole part: "-70320.5" → "-70,320.5". */
export function groupThousands(decimal: string): string {
	const [int, frac] = decimal.split('.');
	const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** Fen as a chart number in the given unit. The only place money becomes a float. */
export function toChartNumber(fen: Fen, unit: MoneyUnit = 'wan'): number {
	return Number(divRound(fen * 100n, UNIT_FEN[unit])) / 100;
}

export function sumFen(values: Iterable<Fen>): Fen {
	let total = 0n;
	for (const v of values) total += v;
	return total;
}
