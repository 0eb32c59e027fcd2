/**
 * The wall's own dark, high-contrast look for a room: the colours (shared by the CSS in wall.css and
 * the charts), the ECharts theme `wall` (registered in src/lib/charts/echarts.ts) and the step that
 * turns the desk charts' options into wall ones (larger text, the desk's light colours swapped for
 * the wall's). Pure.
 */

export const WALL = {
	ground: '#060b16',
	card: '#111a2c',
	line: '#2a3650',
	grid: '#1f2a3f',
	text: '#f5f7fb',
	muted: '#aab6cc',
	plan: '#2c3a55',
	ontrack: '#4ea1ff',
	notice: '#ffd24d',
	warning: '#ff8c3a',
	severe: '#ff4d4f',
	progress: '#ffffff',
	lastYear: '#7d8aa3'
} as const;

/** The desk charts' colours (src/lib/charts) and what each becomes on the wall. */
const SWAP: Record<string, string> = {
	'#d9dee8': WALL.plan,
	'#1f6feb': WALL.ontrack,
	'#d29922': WALL.notice,
	'#e36209': WALL.warning,
	'#c62828': WALL.severe,
	'#111827': WALL.progress,
	'#1f2937': WALL.text,
	'#eef1f6': WALL.grid,
	'#8c95a6': WALL.lastYear,
	'#b8c0cc': WALL.lastYear,
	// The ground under a bar's figure where it sits on the time-progress line.
	'rgba(255, 255, 255, 0.92)': 'rgba(17, 26, 44, 0.92)'
};

/** The app's fonts (src/app.css), named: a canvas does not inherit the page's font. */
const FONTS =
	"'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', system-ui, sans-serif";

/** The ECharts theme of the wall: light text on a transparent ground, dark grid lines. */
export const WALL_ECHARTS_THEME = {
	backgroundColor: 'transparent',
	color: [WALL.ontrack, WALL.notice, WALL.warning, WALL.severe, WALL.lastYear],
	textStyle: { color: WALL.text, fontFamily: FONTS },
	categoryAxis: {
		axisLine: { lineStyle: { color: WALL.line } },
		axisTick: { lineStyle: { color: WALL.line } },
		axisLabel: { color: WALL.text },
		splitLine: { lineStyle: { color: WALL.grid } }
	},
	valueAxis: {
		axisLine: { lineStyle: { color: WALL.line } },
		axisLabel: { color: WALL.muted },
		splitLine: { lineStyle: { color: WALL.grid } }
	},
	bar: { itemStyle: { borderRadius: 4 } },
	line: { lineStyle: { width: 4 }, symbolSize: 8 }
};

/**
 * A copy of a desk chart's option for the wall: every `fontSize` and `lineHeight` multiplied by
 * `factor`, the desk's colours swapped for the wall's (functions kept as they are).
 */
export function forWall<T>(option: T, factor: number): T {
	const walk = (value: unknown, key: string): unknown => {
		if (Array.isArray(value)) return value.map((v) => walk(v, key));
		if (typeof value === 'string') return SWAP[value.toLowerCase()] ?? value;
		if (typeof value === 'number')
			return key === 'fontSize' || key === 'lineHeight' ? Math.round(value * factor) : value;
		if (value === null || typeof value !== 'object') return value;
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) out[k] = walk(v, k);
		return out;
	};
	return walk(option, '') as T;
}
