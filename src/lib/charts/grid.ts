/**
 * A chart's grid holds its axis labels: the grid's box (left, right, top, bottom) bounds the
 * labels too, not only the axes, so a long name or an English unit is never cut at the card's edge.
 * ECharts 6's form of the deprecated `containLabel: true`.
 */
export const LABELS_INSIDE = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const;

/** A label's width in px, roughly: a CJK character a full em, anything else about 0.6 of one. */
export const textWidth = (text: string, font: number): number =>
	[...text].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? font : font * 0.6), 0);
