/**
 * A chart option for a narrow box (a phone): fewer labels, not smaller ones. Every axis leaves out
 * the labels that would overlap; a value axis across the box draws fewer ticks (an even step: 0 10
 * 20 30, not 0 5 10 20 30 with the overlapping ones left out); a category axis whose labels have a
 * width takes at most a third of the box, its labels wrapped there rather than cut (two names that
 * begin alike still read apart; the page gives such a chart the height its bands need); and the
 * figures drawn at a series' points leave out those that would overlap or touch (a line's
 * neighbouring points). An option for a box of
 * NARROW_WIDTH px or more is returned as it is. Pure.
 */
export const NARROW_WIDTH = 600;

/** Ticks a value axis across a narrow box aims for (ECharts' splitNumber; its default is 5). */
export const NARROW_SPLITS = 3;

type Axis = {
	type?: string;
	axisLabel?: { width?: number; fontSize?: number } & Record<string, unknown>;
} & Record<string, unknown>;

function narrowAxes(axes: unknown, width: number, across: boolean): unknown {
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
				: { hideOverlap: true };
		const splits = across && a.type === 'value' ? { splitNumber: NARROW_SPLITS } : {};
		return { ...a, ...splits, axisLabel: { ...label, ...wrapped } };
	};
	return Array.isArray(axes) ? (axes as Axis[]).map(one) : one(axes as Axis);
}

type Series = { type?: string; label?: object; labelLayout?: unknown } & Record<string, unknown>;

/** Room (px) kept each side of a line's point figure, so two figures never run into one. */
const LABEL_GAP = 5;

function narrowSeries(series: unknown): unknown {
	const one = (s: Series): Series => {
		if (s.labelLayout !== undefined) return s;
		const gap =
			s.type === 'line' && s.label ? { label: { ...s.label, padding: [0, LABEL_GAP] } } : {};
		return { ...s, ...gap, labelLayout: { hideOverlap: true } };
	};
	return Array.isArray(series) ? (series as Series[]).map(one) : one(series as Series);
}

export function forNarrowBox<T extends object>(option: T, width: number): T {
	if (width <= 0 || width >= NARROW_WIDTH) return option;
	const o = option as Record<string, unknown>;
	const out: Record<string, unknown> = { ...o };
	if (o.xAxis !== undefined) out.xAxis = narrowAxes(o.xAxis, width, true);
	if (o.yAxis !== undefined) out.yAxis = narrowAxes(o.yAxis, width, false);
	if (o.series !== undefined) out.series = narrowSeries(o.series);
	return out as T;
}
