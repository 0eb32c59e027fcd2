import { describe, expect, it } from 'vitest';
import { executionByClassOption } from '../charts/execution-by-class';
import { gapRankingOption } from '../charts/gap-ranking';
import { monthlyBarsOption } from '../charts/monthly-bars';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { wallBars } from './bars';
import { textWidth } from './labels';
import { WALL } from './theme';

type Label = {
	color?: string;
	fontSize?: number;
	formatter?: (p: { value: number }) => string;
	width?: number;
};
type Axis = {
	type: string;
	data?: string[];
	axisLabel?: Label & { interval?: number; overflow?: string };
};
type Option = {
	xAxis: Axis | Axis[];
	yAxis: Axis | Axis[];
	series: { type: string; label?: Label; itemStyle?: { color?: string } }[];
};

const t = translator('zh');
const gaps = gapRankingOption(
	[{ code: '101', name: '教育局', gap: '-12.30', rate: '0.4000', level: 'severe' }],
	{ t }
);

describe('wallBars', () => {
	it('makes the text larger by factor × scale and takes the wall colours', () => {
		const desk = gaps as unknown as Option;
		const wall = wallBars(gaps, { scale: 2, factor: 1.5 }) as unknown as Option;
		const deskSize = (desk.yAxis as Axis).axisLabel!.fontSize!;
		expect((wall.yAxis as Axis).axisLabel!.fontSize).toBe(Math.round(deskSize * 3));
		expect(wall.series[0]).not.toEqual(desk.series[0]);
		expect(JSON.stringify(wall)).toContain(WALL.severe);
	});

	it('shows every category label within the width, scaled; value axes untouched', () => {
		const option = executionByClassOption(
			[{ code: '205', name: '教育支出', plan: '100.00', executed: '50.00', rate: '0.5000' }],
			'0.5000',
			{ t, locale: 'zh', unit: 'wan' }
		);
		const wall = wallBars(option, { scale: 2, labelWidth: 400 }) as unknown as Option;
		const [classes, line] = wall.yAxis as Axis[];
		expect(classes.axisLabel).toMatchObject({ interval: 0, width: 800 });
		expect(line.axisLabel?.width).toBeUndefined();
		expect((wall.xAxis as Axis).axisLabel?.interval).toBeUndefined();
	});

	// English class names as the code table gives them, and longer ones as 款/项 names will be.
	const LONG = [
		['211', 'Energy conservation and environmental protection'],
		['201', 'Other general public services expenditure'],
		['212', 'Urban and rural community affairs'],
		['208', 'Social security and employment'],
		['205', 'Education']
	];
	const classes = (locale: 'zh' | 'en') =>
		executionByClassOption(
			LONG.map(([code, nameEn]) => ({
				code,
				name: '社会保障和就业支出',
				nameEn,
				plan: '100.00',
				executed: '50.00',
				rate: '0.5000'
			})),
			'0.5000',
			{ t: translator(locale), locale, unit: 'wan' }
		);
	const labelsOf = (option: object) => {
		const axis = ((option as Option).yAxis as Axis[])[0];
		return { axis, label: axis.axisLabel!, names: axis.data! };
	};

	it('never cuts a category label: a long English name is broken whole onto lines within the column', () => {
		const desk = labelsOf(classes('en'));
		expect(desk.label.overflow).toBe('break');
		const { label, names } = labelsOf(
			wallBars(classes('en'), { scale: 1, factor: 1.5, labelWidth: 420 })
		);
		expect(label).toMatchObject({ interval: 0, width: 420, overflow: 'break' });
		expect(names.map((n) => n.replaceAll('\n', ' '))).toEqual(desk.names);
		expect(names.filter((n) => n.includes('\n'))).toHaveLength(4);
		for (const line of names.flatMap((n) => n.split('\n')))
			expect(textWidth(line, label.fontSize!)).toBeLessThanOrEqual(420);
		expect(names.join(' ')).not.toContain('…');
	});

	it('widens the label column up to labelWidthMax before breaking a name, scaled', () => {
		const { label, names } = labelsOf(
			wallBars(classes('en'), { scale: 0.5, factor: 1.45, labelWidth: 420, labelWidthMax: 820 })
		);
		expect(names).toEqual(labelsOf(classes('en')).names); // each on one line
		expect(label.width).toBeGreaterThan(210);
		expect(label.width).toBeLessThanOrEqual(410);
		expect(label.overflow).toBe('break');
	});

	it('leaves Chinese labels and their column as they were', () => {
		const { label, names } = labelsOf(
			wallBars(classes('zh'), { scale: 1, factor: 1.45, labelWidth: 420, labelWidthMax: 820 })
		);
		expect(names).toEqual(labelsOf(classes('zh')).names);
		expect(names[0]).toBe('205 社会保障和就业支出');
		expect(label.width).toBe(420);
	});

	it("gives the bars' figures the decimals asked for, and none to a zero", () => {
		const option = monthlyBarsOption(
			[
				{ month: 1, amount: '123456789.00', lastYear: '100000000.00' },
				{ month: 2, amount: '0.00', lastYear: '0.00' }
			],
			{ t, unit: 'yi', thisLabel: '2026', lastLabel: '2025' }
		);
		const wall = wallBars(option, { scale: 1, decimals: 1 }) as unknown as Option;
		const labelled = wall.series.filter((s) => s.label);
		expect(labelled).toHaveLength(1);
		expect(labelled[0].label!.formatter!({ value: 1.23456789 })).toBe('1.2');
		expect(labelled[0].label!.formatter!({ value: 0 })).toBe('');
		// Figures in plain light ink on the wall (ECharts draws a label without a colour hollow).
		expect(labelled[0].label!.color).toBe(WALL.text);
		expect((wallBars(gaps, { scale: 1 }) as unknown as Option).series[0].label!.color).toBe(
			WALL.text
		);
		// Without decimals the desk's formatter stays.
		const plain = wallBars(option, { scale: 1 }) as unknown as Option;
		expect(plain.series.find((s) => s.label)!.label!.formatter!({ value: 1234.5 })).toBe('1,235');
	});
});
