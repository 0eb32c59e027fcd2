/**
 * The privacy rule, pure: a natural person's identity — a payee's name, and names inside free text
 * such as 用途 — is for staff and administrators only. A payee is a person unless known to be an
 * organisation (`payeeKind` 'org'). The server applies it through src/lib/server/privacy.ts wherever
 * payment data leaves it; docs/security.md explains it.
 *
 * Usage: const shown = showPayee({ payee, payeeKind, purpose }, 'member', names);
 */

/** Who a response is for, as far as personal data goes. Anyone else is treated as a display. */
export type Viewer = 'staff' | 'member' | 'display';

/** Staff and administrators see persons; committee members see names masked; displays see none. */
export function viewerOfRole(role: string | null | undefined): Viewer {
	return role === 'staff' || role === 'admin' ? 'staff' : role === 'member' ? 'member' : 'display';
}

export function seesPersons(viewer: Viewer): boolean {
	return viewer === 'staff';
}

/** Only a payee known to be an organisation is one; a missing or unknown kind is a person. */
export function isOrganisation(payeeKind: string | null | undefined): boolean {
	return payeeKind === 'org';
}

/**
 * A person's name as a viewer who may not see it gets it: a member the first character (the
 * surname) and asterisks, a display asterisks only.
 */
export function maskName(name: string, viewer: Exclude<Viewer, 'staff'>): string {
	const chars = [...name.replace(/^（个人）/, '')];
	if (chars.length === 0) return '*';
	const stars = '*'.repeat(Math.max(1, chars.length - (viewer === 'member' ? 1 : 0)));
	return viewer === 'member' ? chars[0] + stars : stars;
}

/** Names shorter than this are not looked for inside text: a single character is not a name. */
export const MIN_NAME_CHARS = 2;

/**
 * The names of the payees that are persons, for finding them inside free text (an organisation's
 * 用途 that names a person). Looks names up by the substrings of the text, so the cost grows with
 * the text, not with the number of names.
 */
export class PersonNames {
	private readonly names = new Set<string>();
	/** The lengths (in UTF-16 units) names come in, longest first. */
	private lengths: number[] = [];
	/** Names by character, for a search term's overlap with names. */
	private readonly byChar = new Map<string, string[]>();

	constructor(names: Iterable<string> = []) {
		for (const n of names) this.add(n);
	}

	get size(): number {
		return this.names.size;
	}

	add(name: string): void {
		if ([...name].length < MIN_NAME_CHARS || this.names.has(name)) return;
		this.names.add(name);
		if (!this.lengths.includes(name.length))
			this.lengths = [...this.lengths, name.length].sort((a, b) => b - a);
		for (const c of new Set(name.toLowerCase())) {
			const list = this.byChar.get(c);
			if (list) list.push(name);
			else this.byChar.set(c, [name]);
		}
	}

	/** The text with every known name in it masked for the viewer (the longest name wins). */
	mask(text: string, viewer: Exclude<Viewer, 'staff'>): string {
		if (this.names.size === 0) return text;
		let out = '';
		let i = 0;
		outer: while (i < text.length) {
			for (const len of this.lengths) {
				if (i + len > text.length) continue;
				const candidate = text.slice(i, i + len);
				if (this.names.has(candidate)) {
					out += maskName(candidate, viewer);
					i += len;
					continue outer;
				}
			}
			out += text[i];
			i++;
		}
		return out;
	}

	/** Whether the text names a known person. */
	occursIn(text: string): boolean {
		return this.mask(text, 'display') !== text;
	}

	/**
	 * The names sharing a character with a search term. Only a text holding one of them can match
	 * the term through the masked part of a name, so leaving those texts out of a search is enough
	 * for it to find nothing a viewer could not see.
	 */
	sharingCharsWith(term: string): string[] {
		const found = new Set<string>();
		for (const c of new Set(term.toLowerCase()))
			for (const n of this.byChar.get(c) ?? []) found.add(n);
		return [...found];
	}
}

/** A payment's personal fields as stored. */
export interface PayeeFacts {
	payee: string | null;
	payeeKind: string | null;
	purpose: string | null;
}

/** What a viewer gets of them. */
export interface PayeeShown {
	/** Masked for a member, null for a display, when the payee is a person. */
	payee: string | null;
	payeeKind: string | null;
	/** The payee is a person whose name this viewer does not see. */
	payeeMasked: boolean;
	/** Null when withheld: a person's payment's 用途 is not shown to those who may not see the person. */
	purpose: string | null;
	purposeWithheld: boolean;
}

/**
 * The rule for one payment. For a person's payment a viewer other than staff gets no 用途 (it
 * names the person or what they were paid for); for an organisation's, the 用途 with known persons'
 * names masked.
 */
export function showPayee(p: PayeeFacts, viewer: Viewer, names: PersonNames): PayeeShown {
	if (seesPersons(viewer))
		return {
			payee: p.payee,
			payeeKind: p.payeeKind,
			payeeMasked: false,
			purpose: p.purpose,
			purposeWithheld: false
		};
	const nonStaff = viewer as Exclude<Viewer, 'staff'>;
	if (isOrganisation(p.payeeKind))
		return {
			payee: p.payee,
			payeeKind: p.payeeKind,
			payeeMasked: false,
			purpose: p.purpose === null ? null : names.mask(p.purpose, nonStaff),
			purposeWithheld: false
		};
	return {
		payee: p.payee === null || viewer === 'display' ? null : maskName(p.payee, nonStaff),
		payeeKind: p.payeeKind,
		payeeMasked: p.payee !== null,
		purpose: null,
		purposeWithheld: p.purpose !== null
	};
}
