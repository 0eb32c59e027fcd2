import { describe, expect, it } from 'vitest';
import { caseNews, seenCases } from './case-news';

describe('case news between two reads of a list', () => {
	it('finds the cases new to the list and those whose level rose, not those that fell', () => {
		const before = seenCases([
			{ id: 1, level: 'notice' },
			{ id: 2, level: 'severe' },
			{ id: 3, level: 'warning' }
		]);
		const news = caseNews(before, [
			{ id: 1, level: 'warning' },
			{ id: 2, level: 'warning' },
			{ id: 3, level: 'warning' },
			{ id: 4, level: 'notice' }
		]);
		expect(news.added.map((r) => r.id)).toEqual([4]);
		expect(news.raised.map((r) => r.id)).toEqual([1]);
	});
});
