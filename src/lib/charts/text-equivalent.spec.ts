import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { curveText, monthlyText, trendText } from './text-equivalent';

const zh = { t: translator('zh'), locale: 'zh' as const };
const en = { t: translator('en'), locale: 'en' as const };

describe('chart text equivalents', () => {
	const curve = {
		year: 2026,
		plan: '1000.00',
		asOf: '2026-02-10',
		days: [
			{ date: '2026-01-05', amount: '50.00' },
			{ date: '2026-02-03', amount: '30.55' },
			{ date: '2026-02-20', amount: '99.00' }
		],
		lastYear: { year: 2025, plan: '500.00', days: [{ date: '2025-02-10', amount: '60.00' }] }
	};

	it('says the curve at its as-of date: share of plan, time progress and last year the same day', () => {
		const text = curveText(curve, '累计支出进度', zh);
		// 80.55 / 1000 (the payment after the as-of date is not counted); day 41 of 365; 60 / 500.
		expect(text.summary).toBe(
			'截至2月10日，累计支出占预算的 8.1%，序时进度 11.2%；2025年同期为 12.0%。'
		);
		expect(text.table.heads).toEqual(['截至', '序时进度', '2025年', '2026年']);
		expect(text.table.rows[0]).toEqual({ head: '1月', cells: ['8.5%', '0.0%', '5.0%'] });
		// The current month is read at the as-of date, later months have no figure yet this year.
		expect(text.table.rows[1]).toEqual({ head: '2月10日', cells: ['11.2%', '12.0%', '8.1%'] });
		expect(text.table.rows[2].cells.at(-1)).toBe('—');
		expect(text.table.rows).toHaveLength(12);
		expect(curveText(curve, 'Cumulative execution', en).summary).toBe(
			'By 10 Feb, 8.1% of the budget was spent against a time progress of 11.2%; 2025 at the same date: 12.0%.'
		);
	});

	it('says there is no budget rather than a share of nothing', () => {
		const text = curveText({ ...curve, plan: '0.00', lastYear: undefined }, '累计支出进度', zh);
		expect(text.summary).toBe('尚无预算数；截至2月10日，序时进度 11.2%。');
		expect(text.table.heads).toEqual(['截至', '序时进度', '2026年']);
	});

	it('sums the months drawn, names the largest, and lists each month in the chart unit', () => {
		const months = [
			{ month: 1, amount: '1234567.89', lastYear: '1000000.00' },
			{ month: 2, amount: '2500000.00', lastYear: '10.00' },
			{ month: 3, amount: '0.00', lastYear: '7000000.00' }
		];
		// Last year's bars are whole months; the same period is the page's figure to the as-of day.
		const opts = {
			unit: 'wan' as const,
			thisLabel: '2026',
			lastLabel: '2025',
			lastSame: { total: '1000008.00', through: '2025-02-10' }
		};
		const text = monthlyText(months, '各月收入', { ...zh, ...opts });
		expect(text.summary).toBe(
			'1月至2月合计 373.46 万元，最多的是2月（250.00 万元）；2025年同期（1月1日至2月10日）100.00 万元。'
		);
		expect(monthlyText(months, 'x', { ...en, ...opts }).summary).toBe(
			'Jan to Feb: 373.46 10k yuan in all; the largest month was Feb (250.00 10k yuan); 2025, 1 Jan to 10 Feb: 100.00 10k yuan.'
		);
		// Without the same-period figure the sentence does not sum last year's whole months.
		const { lastSame: _, ...noSame } = opts;
		expect(monthlyText(months, 'x', { ...zh, ...noSame }).summary).toBe(
			'1月至2月合计 373.46 万元，最多的是2月（250.00 万元）。'
		);
		expect(text.table.caption).toBe('各月收入（万元）');
		expect(text.table.rows[0]).toEqual({ head: '1月', cells: ['123.46', '100.00'] });
		expect(monthlyText([], 'x', { ...en, ...opts }).summary).toBe('Nothing yet this year.');
	});

	it("says the as-of month is partial beside last year's whole month, and not at a month end", () => {
		const months = [
			{ month: 11, amount: '3000000.00', lastYear: '2900000.00' },
			{ month: 12, amount: '500000.00', lastYear: '3100000.00' }
		];
		const opts = {
			unit: 'wan' as const,
			thisLabel: '2026',
			lastLabel: '2025',
			lastSame: { total: '3400000.00', through: '2025-12-07' },
			asOf: '2026-12-07'
		};
		const zhText = monthlyText(months, '各月收入', { ...zh, ...opts });
		expect(zhText.summary).toBe(
			'11月至12月7日合计 350.00 万元，最多的是11月（300.00 万元）；2025年同期（1月1日至12月7日）340.00 万元。12月只计到12月7日，2025年同月为整月。'
		);
		expect(zhText.table.rows[1]).toEqual({ head: '12月（至7日）', cells: ['50.00', '310.00'] });
		expect(zhText.table.rows[0].head).toBe('11月');
		const enText = monthlyText(months, 'x', { ...en, ...opts });
		expect(enText.summary).toBe(
			"Nov to 7 Dec: 350.00 10k yuan in all; the largest month was Nov (300.00 10k yuan); 2025, 1 Jan to 7 Dec: 340.00 10k yuan. Dec is counted to 7 Dec only; 2025's Dec is the whole month."
		);
		expect(enText.table.rows[1].head).toBe('Dec (to 7th)');
		// A past year seen as of 31 December: every month whole, nothing said partial.
		const past = monthlyText(months, 'x', {
			...zh,
			...opts,
			lastSame: { total: '6000000.00', through: '2025-12-31' },
			asOf: '2026-12-31'
		});
		expect(past.summary).toBe(
			'11月至12月合计 350.00 万元，最多的是11月（300.00 万元）；2025年同期（1月1日至12月31日）600.00 万元。'
		);
		expect(past.table.rows.map((r) => r.head)).toEqual(['11月', '12月']);
	});

	it('reads the latest year of a trend, leaving out a figure it does not have', () => {
		const text = trendText(
			[2024, 2025],
			[
				{ name: '限额', values: ['300000000.00', '350000000.00'] },
				{ name: '余额', values: ['280000000.00', null] }
			],
			'历年限额、余额趋势',
			{ ...zh, unit: 'yi', unitLabel: '亿元' }
		);
		expect(text.summary).toBe('2025：限额 3.50 亿元。');
		expect(text.table.rows).toEqual([
			{ head: '2024', cells: ['3.00', '2.80'] },
			{ head: '2025', cells: ['3.50', '—'] }
		]);
	});
});
