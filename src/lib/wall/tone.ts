// Pace levels as the wall's tones (a pace level is already one of them).
import type { PaceLevel } from '../domain/period';

export type Tone = 'plain' | 'ontrack' | 'notice' | 'warning' | 'severe';

export function toneOf(level: PaceLevel | null | undefined): Tone {
	return level ?? 'plain';
}
