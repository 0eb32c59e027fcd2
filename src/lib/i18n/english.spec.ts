import { describe, expect, it } from 'vitest';
import { dictionaries } from './dictionaries';

/** Han characters and CJK or full-width punctuation ("（", "：", "’" drawn full-width is a font matter). */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

describe('the English strings', () => {
	it('have no Chinese characters or full-width punctuation, but the switch back to Chinese', () => {
		const mixed = Object.entries(dictionaries.en)
			.filter(([, text]) => CJK.test(text))
			.map(([key]) => key);
		expect(mixed).toEqual(['nav.language']);
		expect(dictionaries.en['nav.language']).toBe('中文');
	});

	it('name the units in English: a percentage-point gap is "pp" in English, 个百分点 in Chinese', () => {
		expect(dictionaries.en['unit.pp']).toBe('pp');
		expect(dictionaries.zh['unit.pp']).toBe('个百分点');
		expect(dictionaries.en['rules.unit.wan']).toBe(dictionaries.en['unit.wan']);
	});
});
