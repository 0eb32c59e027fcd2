// The tree-shaken ECharts build: only the charts and components the app uses are bundled.
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
	DatasetComponent,
	GridComponent,
	LegendComponent,
	MarkLineComponent,
	TooltipComponent
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
	BarChart,
	LineChart,
	PieChart,
	ScatterChart,
	DatasetComponent,
	GridComponent,
	LegendComponent,
	MarkLineComponent,
	TooltipComponent,
	CanvasRenderer
]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
