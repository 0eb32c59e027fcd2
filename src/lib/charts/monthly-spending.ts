// A drill page's (unit, project) spending by month in 万元: the bar chart's option and its text
// equivalent, both under the one label; the as-of month short of its end shown as partial.
import { monthlyBarsOption, type MonthBar } from './monthly-bars';
import { monthlyText } from './text-equivalent';
import type { Locale, Translate } from '../i18n';

export function monthlySpending(months: MonthBar[], t: Translate, locale: Locale, asOf: string) {
	const opts = { t, unit: 'wan' as const, thisLabel: t('drill.monthly'), locale, asOf };
	return {
		label: opts.thisLabel,
		option: monthlyBarsOption(months, opts),
		words: monthlyText(months, opts.thisLabel, opts)
	};
}
