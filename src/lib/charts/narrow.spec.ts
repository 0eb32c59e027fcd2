import { describe, expect, it } from 'vitest';
import { executionByClassOption } from './execution-by-class';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { forNarrowBox } from './narrow';

type Label = { width?: number; hideOverlap?: boolean; overflow?: string; fontSize?: number };
type Axis = { type: string; axisLabel?: Label };
type Option = { xAxis: Axis | Axis[]; yAxis: Axis | Axis[] };

const t = translator('zh');
const option = executionByClassOption(
	[{ code: '205', name: '教育支出', plan: '100.00', executed: '50.00', rate: '0.5000' }],
	'0.5000',
	{ t, locale: 'zh', unit: 'wan' }
);

describe('forNarrowBox', () => {
	it('leaves a wide box’s option as it is', () => {
		expect(forNarrowBox(option, 1200)).toBe(option);
		expect(forNarrowBox(option, 0)).toBe(option);
	});

	it('on a phone leaves out overlapping labels and keeps category labels to a third, at the same size', () => {
		const desk = option as unknown as Option;
		const phone = forNarrowBox(option, 360) as unknown as Option;
		const [classes] = phone.yAxis as Axis[];
		const [deskClasses] = desk.yAxis as Axis[];
		expect(deskClasses.axisLabel!.width).toBeGreaterThan(120);
		expect(classes.axisLabel).toMatchObject({
			width: 120,
			overflow: 'truncate',
			hideOverlap: true
		});
		expect(classes.axisLabel!.fontSize).toBe(deskClasses.axisLabel!.fontSize);
		expect((phone.xAxis as Axis).axisLabel).toMatchObject({ hideOverlap: true });
		// The desk option is not changed.
		expect(deskClasses.axisLabel!.hideOverlap).toBeUndefined();
	});
});
