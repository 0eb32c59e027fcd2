// Rules for account names, display names and passwords, and readable one-time secrets.

import type { Locale } from '../i18n';

export const ROLES = ['member', 'staff', 'admin'] as const;
export type AccountRole = (typeof ROLES)[number];

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export function isRole(value: unknown): value is AccountRole {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Why a user name is not acceptable (a message key), or null. Lower-case letters, digits, . _ -; 2–40. */
export function usernameProblem(name: string): 'account.username.invalid' | null {
	return /^[a-z0-9][a-z0-9._-]{1,39}$/.test(name) ? null : 'account.username.invalid';
}

/** Control characters (C0, DEL, C1) and bidi overrides, which have no place in a name shown to others. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Why a display name or label is not acceptable, or null: 1–60 characters, no control characters. */
export function labelProblem(label: string, max = 60): 'account.label.invalid' | null {
	const t = label.trim();
	return t.length >= 1 && t.length <= max && !CONTROL.test(t) ? null : 'account.label.invalid';
}

/** The account the app creates on first start (ADMIN_PASSWORD): its user name and its display name in both languages. */
export const SEEDED_ADMIN = {
	username: 'admin',
	displayName: { zh: '系统管理员', en: 'System administrator' }
} as const;

/**
 * A user's name as a page shows it: the display name, or the user name without one. The seeded
 * admin's own default name reads in the page's language; a name a person typed is shown as written.
 */
export function displayNameText(
	user: { username: string; displayName: string | null },
	lang: Locale
): string {
	if (!user.displayName) return user.username;
	const seeded =
		user.username === SEEDED_ADMIN.username && user.displayName === SEEDED_ADMIN.displayName.zh;
	return seeded ? SEEDED_ADMIN.displayName[lang] : user.displayName;
}

/** Why a new password is not acceptable, or null. */
export function passwordProblem(
	password: string,
	context: { username?: string } = {}
): 'account.password.short' | 'account.password.long' | 'account.password.likeName' | null {
	if ([...password].length < MIN_PASSWORD_LENGTH) return 'account.password.short';
	if (password.length > MAX_PASSWORD_LENGTH) return 'account.password.long';
	if (context.username && password.toLowerCase().includes(context.username.toLowerCase()))
		return 'account.password.likeName';
	return null;
}

/** Letters and digits that cannot be mistaken for each other when read aloud or typed on a TV remote. */
export const READABLE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A random string from READABLE_ALPHABET in groups (`XXXXX-XXXXX`); `random` fills a byte array
 * (crypto.getRandomValues in production). Rejection sampling keeps every character equally likely.
 */
export function readableSecret(
	groups: number,
	groupLength: number,
	random: (bytes: Uint8Array<ArrayBuffer>) => void
): string {
	const n = READABLE_ALPHABET.length;
	const limit = 256 - (256 % n);
	const out: string[] = [];
	const buf = new Uint8Array(64);
	while (out.length < groups * groupLength) {
		random(buf);
		for (const b of buf)
			if (b < limit && out.length < groups * groupLength) out.push(READABLE_ALPHABET[b % n]);
	}
	const parts: string[] = [];
	for (let g = 0; g < groups; g++)
		parts.push(out.slice(g * groupLength, (g + 1) * groupLength).join(''));
	return parts.join('-');
}

/** A typed claim code in canonical form: upper case, without spaces or dashes. */
export function normaliseCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}
