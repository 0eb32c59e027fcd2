/**
 * The wall's bar charts: a desk chart's option (src/lib/charts) made a wall one in one step, so the
 * screens do not each repeat it. Pure.
 */
import { widestLabel, wrapLabel } from './labels';
import { forWall } from './theme';

type Axis = {
	type?: string;
	data?: unknown[];
	axisLabel?: { fontSize?: number } & Record<string, unknown>;
} & Record<string, unknown>;
type Series = { type?: string; label?: object } & Record<string, unknown>;

export interface WallBarsOptions {
	/** The display's width over 1920 px (ScreenProps.scale). */
	scale: number;
	/** How much larger than the desk the chart's text is at 1920 px (default 1.6). */
	factor?: number;
	/**
	 * Every category label shown (none skipped) and whole (none cut): the label column is this wide
	 * (px at 1920, × scale), and a longer label is broken onto lines at its spaces.
	 */
	labelWidth?: number;
	/**
	 * The label column widens up to this (px at 1920) for a long label before it breaks one onto a
	 * second line: for a chart whose rows have no room for two lines. Default: `labelWidth`.
	 */
	labelWidthMax?: number;
	/** The bars' figures with this many decimals (an empty label for zero). */
	decimals?: number;
}

/**
 * A category axis whose labels are all shown whole: the column as wide as the widest label needs
 * within [labelWidth, labelWidthMax], the longer labels broken onto lines (labels.ts), and ECharts
 * breaking rather than cutting a line the estimate put too wide.
 */
function categoryAxes(axes: unknown, o: WallBarsOptions): unknown {
	if (o.labelWidth === undefined) return axes;
	const min = o.labelWidth * o.scale;
	const max = Math.max(min, (o.labelWidthMax ?? o.labelWidth) * o.scale);
	const one = (a: Axis): Axis => {
		if (a.type !== 'category') return a;
		const fontSize = a.axisLabel?.fontSize ?? 12;
		const names = (a.data ?? []).filter((d): d is string => typeof d === 'string');
		const width = Math.min(max, Math.max(min, widestLabel(names, fontSize)));
		return {
			...a,
			...(a.data && {
				data: a.data.map((d) => (typeof d === 'string' ? wrapLabel(d, width, fontSize) : d))
			}),
			axisLabel: { ...a.axisLabel, interval: 0, width, overflow: 'break' }
		};
	};
	return Array.isArray(axes) ? (axes as Axis[]).map(one) : one(axes as Axis);
}

/**
 * A desk bar chart's option for the wall: its text `factor × scale` larger and the wall's colours
 * (forWall), every category label shown whole (`labelWidth`, `labelWidthMax`), and the bars' figures with
 * `decimals` decimals when given.
 */
export function wallBars<T extends object>(option: T, o: WallBarsOptions): T {
	const w = forWall(option, (o.factor ?? 1.6) * o.scale) as Record<string, unknown> & {
		series?: Series[];
	};
	const decimals = o.decimals;
	const series =
		decimals === undefined || !Array.isArray(w.series)
			? w.series
			: w.series.map((s) =>
					s.type === 'bar' && s.label
						? {
								...s,
								label: {
									...s.label,
									formatter: (p: { value: number }) => (p.value ? p.value.toFixed(decimals) : '')
								}
							}
						: s
				);
	const out: Record<string, unknown> = { ...w };
	if (w.xAxis !== undefined) out.xAxis = categoryAxes(w.xAxis, o);
	if (w.yAxis !== undefined) out.yAxis = categoryAxes(w.yAxis, o);
	if (series !== undefined) out.series = series;
	return out as T;
}
