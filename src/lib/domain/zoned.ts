// An instant's wall-clock fields in a time zone, from the platform's time-zone data.

/** Wall-clock fields of an instant in a zone (month 1–12, hour 0–23). */
export interface ZonedFields {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

const fieldFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant's wall-clock fields in `tz`, from the platform's time-zone data (Intl), which is what
 * @date-fns/tz reads too; pages use this instead of TZDate so the zone library stays out of their
 * JavaScript.
 */
export function zonedFields(ms: number, tz: string): ZonedFields {
	let format = fieldFormats.get(tz);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: tz,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		fieldFormats.set(tz, format);
	}
	const f: ZonedFields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
	for (const part of format.formatToParts(ms))
		if (part.type in f) f[part.type as keyof ZonedFields] = Number(part.value);
	return f;
}
