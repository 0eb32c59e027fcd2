// The tree-shaken ECharts build: only the charts and components the app uses are bundled. Every
// component added here costs each chart page its weight (measured: legend + tooltip 13 KiB gzip,
// mark lines ~4 KiB), and the overview must stay under 240 KiB of first-load JavaScript, so legends
// are HTML beside the chart, exact figures are in the tables, and reference lines are line series.
// Themes: `wall` (the wall displays' dark theme, src/lib/wall/theme.ts); the desk uses the default.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { WALL_ECHARTS_THEME } from '../wall/theme';

echarts.use([BarChart, LineChart, GridComponent, CanvasRenderer]);
echarts.registerTheme('wall', WALL_ECHARTS_THEME);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
