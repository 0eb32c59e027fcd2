// 数据中断: working hours (workday hours of working days in the fiscal time zone) since the feed
// last delivered a record. Working days are Monday–Friday, less the public holidays and plus the
// weekend working days (调休) that staff enter in the rule's settings each year.
import { TZDate } from '@date-fns/tz';
import { fiscalDateOf } from '../fiscal';
import { levelAtLeast, SCALE, show, showThreshold } from './decimal';
import { thresholdVerdict, type Localized, type Verdict } from './explanation';
import type { RuleParams } from './params';

const HOUR_MS = 3_600_000;

/** Which days are working days: Monday–Friday unless a holiday, and weekend days listed as working. */
export interface WorkCalendar {
	holidays?: readonly string[];
	workdays?: readonly string[];
}

/** Working time between two instants, in hours ×10⁶ (exact to the millisecond). */
export function workingHoursBetween(
	from: Date,
	to: Date,
	tz: string,
	startHour: number,
	endHour: number,
	calendar: WorkCalendar = {}
): bigint {
	const holidays = new Set(calendar.holidays);
	const workdays = new Set(calendar.workdays);
	if (to <= from) return 0n;
	let ms = 0;
	const start = new TZDate(from.getTime(), tz);
	let day = new TZDate(start.getFullYear(), start.getMonth(), start.getDate(), tz);
	for (let i = 0; i < 800 && day.getTime() < to.getTime(); i++) {
		const weekday = day.getDay();
		const date = fiscalDateOf(day, tz);
		if (workdays.has(date) || (weekday >= 1 && weekday <= 5 && !holidays.has(date))) {
			const open = new TZDate(
				day.getFullYear(),
				day.getMonth(),
				day.getDate(),
				startHour,
				tz
			).getTime();
			const close = new TZDate(
				day.getFullYear(),
				day.getMonth(),
				day.getDate(),
				endHour,
				tz
			).getTime();
			const a = Math.max(open, from.getTime());
			const b = Math.min(close, to.getTime());
			if (b > a) ms += b - a;
		}
		day = new TZDate(day.getFullYear(), day.getMonth(), day.getDate() + 1, tz);
	}
	return (BigInt(ms) * SCALE) / BigInt(HOUR_MS);
}

export interface FeedInput {
	scope: Localized;
	/** When the feed last delivered (null: never). */
	lastAt: Date | null;
	now: Date;
	tz: string;
}

export function judgeFeedStale(input: FeedInput, params: RuleParams['feedStale']): Verdict {
	if (input.lastAt === null) return null; // a feed that never delivered is not yet connected, not stale
	const hours = workingHoursBetween(
		input.lastAt,
		input.now,
		input.tz,
		params.workdayStartHour,
		params.workdayEndHour,
		params
	);
	const calendar = params.holidays.length > 0 || params.workdays.length > 0;
	const level = levelAtLeast(hours, params.thresholds);
	if (!level) return null;
	const threshold = showThreshold(params.thresholds[level]);
	return thresholdVerdict({
		rule: 'feedStale',
		scope: input.scope,
		level,
		threshold: { value: threshold, unit: 'hours' },
		inputs: [
			{
				label: { zh: '最近收到数据', en: 'last record at' },
				value: input.lastAt.toISOString(),
				unit: 'text'
			},
			{
				label: { zh: '评估时间', en: 'evaluated at' },
				value: input.now.toISOString(),
				unit: 'text'
			},
			{
				label: { zh: '中断工作小时', en: 'working hours without data' },
				value: show(hours, 1),
				unit: 'hours'
			}
		],
		formula: {
			zh: `${calendar ? '工作日（周一至周五，除节假日，含调休上班日）' : '周一至周五'} ${params.workdayStartHour}:00—${params.workdayEndHour}:00 内无数据的时长`,
			en: `time without data, ${calendar ? 'working days (Monday–Friday less holidays, plus weekend working days)' : 'Monday–Friday'} ${params.workdayStartHour}:00–${params.workdayEndHour}:00`
		},
		facts: {
			zh: `已 ${show(hours, 1)} 个工作小时未收到数据`,
			en: `no data for ${show(hours, 1)} working hours`
		}
	});
}
