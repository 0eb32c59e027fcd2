/**
 * A chart option for a narrow box (a phone): fewer labels, not smaller ones. Every axis leaves out
 * the labels that would overlap, and a category axis whose labels have a width takes at most a third
 * of the box (cut with …), so the bars keep room to be drawn. An option for a box of NARROW_WIDTH
 * px or more is returned as it is. Pure.
 */
export const NARROW_WIDTH = 600;

type Axis = { type?: string; axisLabel?: { width?: number } & Record<string, unknown> } & Record<
	string,
	unknown
>;

function narrowAxes(axes: unknown, width: number): unknown {
	const one = (a: Axis): Axis => {
		const label = a.axisLabel ?? {};
		const cap = Math.round(width / 3);
		const capped =
			a.type === 'category' && label.width !== undefined && label.width > cap
				? { width: cap, overflow: 'truncate' }
				: {};
		return { ...a, axisLabel: { ...label, hideOverlap: true, ...capped } };
	};
	return Array.isArray(axes) ? (axes as Axis[]).map(one) : one(axes as Axis);
}

export function forNarrowBox<T extends object>(option: T, width: number): T {
	if (width <= 0 || width >= NARROW_WIDTH) return option;
	const o = option as Record<string, unknown>;
	const out: Record<string, unknown> = { ...o };
	if (o.xAxis !== undefined) out.xAxis = narrowAxes(o.xAxis, width);
	if (o.yAxis !== undefined) out.yAxis = narrowAxes(o.yAxis, width);
	return out as T;
}
