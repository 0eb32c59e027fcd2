/**
 * A chart's grid holds its axis labels: the grid's box (left, right, top, bottom) bounds the
 * labels too, not only the axes, so a long name or an English unit is never cut at the card's edge.
 * ECharts 6's form of the deprecated `containLabel: true`.
 */
export const LABELS_INSIDE = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const;
