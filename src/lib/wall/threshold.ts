// The large-payment threshold as the payments screen's heading says it.
import { moneyText } from '$lib/domain/format';
import { formatIn, yuanToFen, type MoneyUnit } from '$lib/domain/money';
import type { Locale } from '$lib/i18n';

/**
 * "10 万元" in Chinese; in English the yuan themselves, "100,000 yuan" ("10 10k yuan" reads as a
 * typo), whole as a threshold is.
 */
export function thresholdText(yuan: string, locale: Locale): { value: string; unit: MoneyUnit } {
	return locale === 'en'
		? { value: formatIn(yuanToFen(yuan), 'yuan', 0), unit: 'yuan' }
		: moneyText(yuan, 'wan', 0);
}
