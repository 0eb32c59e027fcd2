/** Number helpers the demo generators share: 万元 to fen, fen to a decimal string, a clamped ratio. */

/** 万元 (rounded to whole 万) in fen. */
export const wan = (n: number) => BigInt(Math.round(n)) * 1_000_000n;

export const pad = (n: number) => String(n).padStart(2, '0');

/** Fen (a whole number, float only while generating) as a decimal string in 元: -1234 → "-12.34". */
export function fenText(fen: number): string {
	const negative = fen < 0;
	const abs = Math.abs(Math.round(fen));
	return `${negative ? '-' : ''}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}

export function clamp(v: number, min: number, max: number) {
	return Math.min(max, Math.max(min, v));
}
