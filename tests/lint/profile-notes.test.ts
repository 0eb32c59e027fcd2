// The default subject profiles are seeded by migrations as Chinese text (alert_profile.note), and an
// English page shows a default note in English by recognising that text (profileNoteText). A
// migration that seeds a note the domain does not know would show it in Chinese on English pages.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_PROFILES,
	profileNoteText,
	type Profile
} from '../../src/lib/domain/alerts/profiles';

const dir = fileURLToPath(new URL('../../db/migrations/', import.meta.url));

/** Each alert_profile row the migrations insert: rule, code kind, prefix, mode and note. */
const seeded = readdirSync(dir)
	.filter((f) => f.endsWith('.sql'))
	.flatMap((f) => [
		...readFileSync(dir + f, 'utf8').matchAll(
			/\('(\w+)', '(func|econ)', '(\d+)', '(\w+)', (?:NULL, |'\{[^']*\}', )?'([^']*)'\)/g
		)
	])
	.map(([, ruleType, codeKind, codePrefix, mode, note]) => ({
		ruleType: ruleType as Profile['ruleType'],
		codeKind: codeKind as Profile['codeKind'],
		codePrefix,
		mode,
		note
	}));

describe('seeded subject profile notes', () => {
	it('are the domain’s default profiles, note for note', () => {
		const row = (p: Omit<Profile, 'params' | 'mode'> & { mode: string }) =>
			`${p.ruleType}|${p.codeKind}|${p.codePrefix}|${p.mode}|${p.note}`;
		expect(seeded.map(row).sort()).toEqual(DEFAULT_PROFILES.map(row).sort());
	});

	it('read in English on an English page, with no Chinese left', () => {
		for (const p of seeded)
			expect(profileNoteText(p, 'en'), p.note).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
	});
});
