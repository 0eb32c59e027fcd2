import { describe, expect, it } from 'vitest';
import { funcLabel, revenueLabel, type Names } from './labels';

const names: Names = {
	unit: new Map(),
	func: new Map([
		['2050202', '小学教育'],
		['2050299', '其他普通教育支出']
	]),
	revenue: new Map([['10101', '增值税']]),
	funcEn: new Map([['2050202', 'Primary education']]),
	revenueEn: new Map([['10101', 'Value-added tax']])
};

describe('an alert’s code labels', () => {
	it('name a code in each language by its name in that language', () => {
		expect(funcLabel(names, '2050202')).toEqual({
			zh: '2050202 小学教育',
			en: '2050202 Primary education'
		});
		expect(revenueLabel(names, '10101')).toEqual({
			zh: '10101 增值税',
			en: '10101 Value-added tax'
		});
	});

	it('keep the Chinese name in English where no English is known, and the bare code where no name is', () => {
		expect(funcLabel(names, '2050299').en).toBe('2050299 其他普通教育支出');
		expect(revenueLabel(names, '10399')).toEqual({ zh: '10399', en: '10399' });
		expect(funcLabel(names, '').en).toBe('(all functions)');
	});
});
