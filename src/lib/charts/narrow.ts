/**
 * A chart option for a narrow box (a phone): fewer labels, not smaller ones. Every axis leaves out
 * the labels that would overlap; a value axis across the box draws fewer ticks (an even step: 0 10
 * 20 30, not 0 5 10 20 30 with the overlapping ones left out); a category axis whose labels have a
 * width takes at most a third of the box, its labels wrapped there rather than cut (two names that
 * begin alike still read apart; the page gives such a chart the height its bands need), and short
 * names across the box (years) are all drawn when they fit; lines named at their ends take their
 * names alone there when name and figure would crowd the plot; and a line's figures drawn at its
 * points leave out those that would touch a neighbour's. An option for a box of
 * NARROW_WIDTH px or more is returned as it is. Pure.
 */
import { textWidth } from './grid';

export const NARROW_WIDTH = 600;

/** Ticks a value axis across a narrow box aims for (ECharts' splitNumber; its default is 5). */
export const NARROW_SPLITS = 3;

type Axis = {
	type?: string;
	data?: unknown;
	axisLabel?: { width?: number; fontSize?: number } & Record<string, unknown>;
} & Record<string, unknown>;

function narrowAxes(axes: unknown, width: number, across: boolean, plotWidth: number): unknown {
	const one = (a: Axis): Axis => {
		const label = a.axisLabel ?? {};
		const cap = Math.round(width / 3);
		// A category's name wraps rather than being cut: a band per name, so nothing is left out.
		const wrapped =
			a.type === 'category' && label.width !== undefined && label.width > cap
				? {
						width: cap,
						overflow: 'break',
						lineHeight: Math.round((label.fontSize ?? 12) * 1.15)
					}
				: across && a.type === 'category' && allFit(a.data, label.fontSize ?? 12, plotWidth)
					? // Short names (years, months) that all fit: every one drawn. ECharts' own spacing
						// would leave out 2024 between 2023 and 2025 beside long end labels.
						{ interval: 0 }
					: { hideOverlap: true };
		const splits = across && a.type === 'value' ? { splitNumber: NARROW_SPLITS } : {};
		return { ...a, ...splits, axisLabel: { ...label, ...wrapped } };
	};
	return Array.isArray(axes) ? (axes as Axis[]).map(one) : one(axes as Axis);
}

/** Whether every category name fits its band across the plot, each with a gap beside it. */
function allFit(data: unknown, font: number, plotWidth: number): boolean {
	if (!Array.isArray(data) || data.length === 0) return false;
	const widest = Math.max(...data.map((d) => textWidth(String(d), font)));
	return (widest + LABEL_GAP) * data.length <= plotWidth;
}

type Point = number | null | ({ value: number | null; label?: object } & Record<string, unknown>);
type Series = {
	type?: string;
	label?: { show?: boolean; fontSize?: number };
	data?: Point[];
} & Record<string, unknown>;

/** Room (px) a point's figure needs beside its neighbour's, and what the value axis's labels take. */
const LABEL_GAP = 8;
const VALUE_AXIS = 40;

const valueOf = (p: Point): number | null => (p !== null && typeof p === 'object' ? p.value : p);
const shown = (p: Point): boolean =>
	!(
		p !== null &&
		typeof p === 'object' &&
		(p.label as { show?: boolean } | undefined)?.show === false
	);

/**
 * A line's figures drawn above its points, on a box too narrow for each beside its neighbour's:
 * every `step`-th one counted back from the line's end (its end label names the last), the others
 * left to the table beside the chart. ECharts' own hideOverlap needs its label-layout module, which
 * the app does not bundle (echarts.ts).
 */
function thinPointLabels(s: Series, plotWidth: number): Series {
	const data = s.data;
	if (s.type !== 'line' || !s.label?.show || !data || data.length < 2) return s;
	const font = s.label.fontSize ?? 12;
	const widest = Math.max(
		...data.map((p) => {
			const v = valueOf(p);
			return v === null ? 0 : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }).length;
		})
	);
	const spacing = plotWidth / data.length;
	const step = Math.ceil((widest * font * 0.6 + LABEL_GAP) / spacing);
	if (step <= 1) return s;
	const last = data.findLastIndex((p) => valueOf(p) !== null);
	return {
		...s,
		data: data.map((p, k) =>
			(last - k) % step === 0 || !shown(p)
				? p
				: { ...(p !== null && typeof p === 'object' ? p : { value: p }), label: { show: false } }
		)
	};
}

type Line = Series & {
	name?: unknown;
	endLabel?: { show?: boolean; formatter?: unknown; fontSize?: number };
};

/**
 * Lines named at their ends, on a narrow box where those names with their figures take more than
 * two fifths of it: each end label says the line's name alone (its figure stays in the sentence and the
 * table beside the chart), so the plot keeps room for its years. Returns the grid's right margin
 * the names need, never more than it was.
 */
function namesAtEnds(
	series: Line[],
	width: number,
	right: number
): { series: Line[]; right: number } {
	const named = (s: Line) =>
		s.type === 'line' && s.endLabel?.show === true && typeof s.name === 'string';
	if (right <= width * 0.4 || !series.some(named)) return { series, right };
	const need = Math.max(
		...series
			.filter(named)
			.map((s) => Math.ceil(textWidth(s.name as string, s.endLabel?.fontSize ?? 12)) + 16)
	);
	return {
		series: series.map((s) =>
			named(s) ? { ...s, endLabel: { ...s.endLabel, formatter: s.name } } : s
		),
		right: Math.min(right, need)
	};
}

function narrowSeries(series: unknown, plotWidth: number): unknown {
	const one = (s: Series) => thinPointLabels(s, plotWidth);
	return Array.isArray(series) ? (series as Series[]).map(one) : one(series as Series);
}

export function forNarrowBox<T extends object>(option: T, width: number): T {
	if (width <= 0 || width >= NARROW_WIDTH) return option;
	const o = option as Record<string, unknown>;
	const out: Record<string, unknown> = { ...o };
	const side = (v: unknown) => (typeof v === 'number' ? v : 0);
	let grid = (o.grid ?? {}) as { left?: unknown; right?: unknown };
	if (Array.isArray(o.series) && typeof grid.right === 'number') {
		const ends = namesAtEnds(o.series as Line[], width, grid.right);
		if (ends.right !== grid.right) {
			grid = { ...grid, right: ends.right };
			out.grid = grid;
			out.series = ends.series;
		}
	}
	const plotWidth = width - side(grid.left) - side(grid.right) - VALUE_AXIS;
	if (o.xAxis !== undefined) out.xAxis = narrowAxes(o.xAxis, width, true, plotWidth);
	if (o.yAxis !== undefined) out.yAxis = narrowAxes(o.yAxis, width, false, plotWidth);
	if (out.series !== undefined) out.series = narrowSeries(out.series, plotWidth);
	return out as T;
}
