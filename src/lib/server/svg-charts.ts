// Server-side rendering of chart options to SVG (ECharts SSR), for pages that print: crisp at any
// scale, no script needed. The same option builders as the interactive charts.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// The server may bundle what the browser does without: legends are drawn into the SVG here.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/** The option rendered as an SVG document string of the given size (CSS pixels). */
export function renderSvg(
	option: echarts.EChartsCoreOption,
	width: number,
	height: number
): string {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
	try {
		chart.setOption({ ...option, animation: false });
		return chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
}

/**
 * The option as an SVG image URL for `<img src>`: the page shows the chart without putting markup
 * into the document (no `{@html}`), and an SVG loaded as an image runs no script.
 */
export function svgImage(option: echarts.EChartsCoreOption, width: number, height: number): string {
	return `data:image/svg+xml;base64,${Buffer.from(renderSvg(option, width, height)).toString('base64')}`;
}
