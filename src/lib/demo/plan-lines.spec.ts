import { describe, expect, it } from 'vitest';
import { lineExecution } from './plan-lines';
import { buildDemoCity } from './city';

describe('lineExecution', () => {
	it('ends an ordinary line within its plan, whatever the department draws', () => {
		expect(lineExecution('goods', '302', 1.08)).toBe(0.995);
		expect(lineExecution('payroll', '301', 0.97)).toBe(0.97);
		expect(lineExecution('works', '310', 0.3)).toBe(0.5);
	});
	it('leaves 三公经费 about a fifth under their budget', () => {
		expect(lineExecution('goods', '30231', 0.97)).toBeCloseTo(0.776, 6);
		expect(lineExecution('goods', '30217', 1.2)).toBeCloseTo(0.796, 6);
		expect(lineExecution('goods', '30201', 0.97)).toBe(0.97);
	});
	it('barely pays a line planned to stay unused', () => {
		expect(lineExecution('none', '399', 1)).toBe(0.05);
	});
});

describe('project names', () => {
	it('names a fund 项 once: 中小企业发展专项, not 中小企业发展专项专项', () => {
		const city = buildDemoCity(2026);
		const named = (funcCode: string) =>
			city.lines.find((l) => l.funcCode === funcCode && l.projectName)?.projectName;
		expect(named('2150805')).toBe('2026年中小企业发展专项');
		expect(named('2220115')).toBe('2026年粮食风险基金专项');
	});
});
