/**
 * Category labels shown whole on the wall: a name too wide for its column is broken onto lines at
 * its spaces (balanced, so no word is left alone on a line), never cut with an ellipsis. Widths are
 * estimated from the characters (no canvas here): Arial's advance widths, which are as wide as or
 * wider than the Latin letters of the fonts the wall names (src/lib/wall/theme.ts), so an estimate
 * errs towards breaking early. Pure.
 */

/** Advance widths in em of the narrow and the wide Latin characters; digits and the rest ≈ 0.556. */
const NARROW = new Set([..." !'(),-./:;I[]fijlrt|"]);
const WIDE = new Set([...'%@MWmw']);
/** A margin on the estimate: a font a little wider than Arial still fits. */
const MARGIN = 1.05;

function charWidth(ch: string): number {
	const code = ch.codePointAt(0)!;
	// CJK, fullwidth forms and the punctuation between them: one em.
	if (code >= 0x2e80) return 1;
	if (NARROW.has(ch)) return 0.3;
	if (WIDE.has(ch)) return 0.9;
	if (ch >= 'A' && ch <= 'Z') return 0.72;
	return 0.556;
}

/** The estimated width in px of one line of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number): number {
	let em = 0;
	for (const ch of text) em += charWidth(ch);
	return em * fontSize * MARGIN;
}

/**
 * `text` as lines (joined by '\n') each at most `width` px wide at `fontSize`, broken at spaces:
 * one line when it fits; else two lines as even as its words allow; else as many as it needs, each
 * filled in turn. A word wider than `width` keeps a line to itself (ECharts' `overflow: 'break'`
 * then breaks it). Text without spaces (Chinese) is returned as it is.
 */
export function wrapLabel(text: string, width: number, fontSize: number): string {
	if (textWidth(text, fontSize) <= width) return text;
	const words = text.split(' ');
	if (words.length < 2) return text;
	const fits = (line: string) => textWidth(line, fontSize) <= width;
	let best: [string, string] | null = null;
	let bestWidth = Infinity;
	for (let i = 1; i < words.length; i++) {
		const pair: [string, string] = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
		const widest = Math.max(...pair.map((l) => textWidth(l, fontSize)));
		if (pair.every(fits) && widest < bestWidth) [best, bestWidth] = [pair, widest];
	}
	if (best) return best.join('\n');
	const lines: string[] = [];
	for (const word of words) {
		const last = lines.at(-1);
		if (last !== undefined && fits(`${last} ${word}`)) lines[lines.length - 1] = `${last} ${word}`;
		else lines.push(word);
	}
	return lines.join('\n');
}

/** The width of the widest of `labels` at `fontSize`, each on one line. */
export function widestLabel(labels: readonly string[], fontSize: number): number {
	return Math.max(0, ...labels.map((l) => textWidth(l, fontSize)));
}
