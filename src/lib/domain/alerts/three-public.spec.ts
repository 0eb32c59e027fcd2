import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from './params';
import { judgeThreePublic } from './three-public';

const p = DEFAULT_PARAMS.threePublic;
const scope = { zh: '市政府办公室', en: 'General Office' };
const at = (executed: bigint, budget = 470_000_00n) =>
	judgeThreePublic({ scope, budget, executed }, p);

describe('三公经费', () => {
	it('fires at 90%, 100% and 110% of the 三公 budget', () => {
		expect(at(422_999_99n)).toBeNull();
		expect(at(423_000_00n)?.level).toBe('notice');
		expect(at(470_000_00n)?.level).toBe('warning');
		expect(at(517_000_00n)?.level).toBe('severe');
	});
	it('is severe when a department spends them with no budget at all', () => {
		expect(at(9_860_00n, 0n)?.level).toBe('severe');
		expect(at(0n, 0n)).toBeNull();
	});
	it('uses the four 三公 款 of domain.md by default', () => {
		expect(p.econCodes).toEqual(['30212', '30217', '30231', '31013']);
	});
});
