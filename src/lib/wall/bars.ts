/**
 * The wall's bar charts: a desk chart's option (src/lib/charts) made a wall one in one step, so the
 * screens do not each repeat it. Pure.
 */
import { forWall } from './theme';

type Axis = { type?: string; axisLabel?: object } & Record<string, unknown>;
type Series = { type?: string; label?: object } & Record<string, unknown>;

export interface WallBarsOptions {
	/** The display's width over 1920 px (ScreenProps.scale). */
	scale: number;
	/** How much larger than the desk the chart's text is at 1920 px (default 1.6). */
	factor?: number;
	/** Every category label shown (none skipped), each at most this wide (px at 1920, × scale). */
	labelWidth?: number;
	/** The bars' figures with this many decimals (an empty label for zero). */
	decimals?: number;
}

function categoryAxes(axes: unknown, labelWidth: number | undefined, scale: number): unknown {
	if (labelWidth === undefined) return axes;
	const one = (a: Axis): Axis =>
		a.type === 'category'
			? { ...a, axisLabel: { ...a.axisLabel, interval: 0, width: labelWidth * scale } }
			: a;
	return Array.isArray(axes) ? (axes as Axis[]).map(one) : one(axes as Axis);
}

/**
 * A desk bar chart's option for the wall: its text `factor × scale` larger and the wall's colours
 * (forWall), every category label shown within `labelWidth`, and the bars' figures with
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
	if (w.xAxis !== undefined) out.xAxis = categoryAxes(w.xAxis, o.labelWidth, o.scale);
	if (w.yAxis !== undefined) out.yAxis = categoryAxes(w.yAxis, o.labelWidth, o.scale);
	if (series !== undefined) out.series = series;
	return out as T;
}
