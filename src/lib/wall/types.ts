// What every wall screen component is given (see components.ts).
import type { Locale, Translate } from '../i18n';

export interface ScreenProps<D> {
	data: D;
	t: Translate;
	locale: Locale;
	tz: string;
	/** The display's width over 1920 px: chart text grows with it (2 on a 3840×2160 screen). */
	scale: number;
}
