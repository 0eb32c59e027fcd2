import { describe, expect, it } from 'vitest';
import {
	displayNameText,
	labelProblem,
	normaliseCode,
	passwordProblem,
	READABLE_ALPHABET,
	readableSecret,
	usernameProblem
} from './accounts';

describe('account rules', () => {
	it('accepts plain lower-case user names and refuses the rest', () => {
		for (const ok of ['admin', 'wang.wei', 'li_na-2', 'a1'])
			expect(usernameProblem(ok), ok).toBeNull();
		for (const bad of ['', 'a', 'Admin', '-lead', 'wang wei', '王伟', "x' or 1=1", 'a'.repeat(41)])
			expect(usernameProblem(bad), bad).not.toBeNull();
	});

	it('refuses labels with control characters or bidi overrides, and over-long ones', () => {
		expect(labelProblem('一楼大厅 1F Lobby')).toBeNull();
		expect(labelProblem('<script>alert(1)</script>')).toBeNull(); // allowed, and always shown as text
		expect(labelProblem('bell\u0007')).not.toBeNull();
		expect(labelProblem('evil\u202eexe.txt')).not.toBeNull();
		expect(labelProblem('   ')).not.toBeNull();
		expect(labelProblem('x'.repeat(61))).not.toBeNull();
	});

	it('asks for at least 10 characters, at most 200, not containing the user name', () => {
		expect(passwordProblem('short')).toBe('account.password.short');
		expect(passwordProblem('密码密码密码密码密码')).toBeNull(); // ten characters, whatever the script
		expect(passwordProblem('x'.repeat(201))).toBe('account.password.long');
		expect(passwordProblem('wangwei-2026!', { username: 'WangWei' })).toBe(
			'account.password.likeName'
		);
		expect(passwordProblem('correct horse battery', { username: 'wang.wei' })).toBeNull();
	});
});

describe('readable one-time secrets', () => {
	it('gives groups of unambiguous characters', () => {
		const code = readableSecret(2, 5, (b) => crypto.getRandomValues(b));
		expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{5}-[A-HJ-KM-NP-Z2-9]{5}$/);
		expect(code).not.toMatch(/[01IOL]/);
	});

	it('draws every character with the same chance (rejection sampling, no modulo bias)', () => {
		const counts = new Map<string, number>();
		for (let i = 0; i < 2000; i++)
			for (const ch of readableSecret(1, 16, (b) => crypto.getRandomValues(b)))
				counts.set(ch, (counts.get(ch) ?? 0) + 1);
		const expected = (2000 * 16) / READABLE_ALPHABET.length;
		expect(counts.size).toBe(READABLE_ALPHABET.length);
		for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
	});

	it('normalises a typed code: case, spaces and dashes do not matter', () => {
		expect(normaliseCode(' 7kq2m - xd9pa ')).toBe('7KQ2MXD9PA');
	});
});

describe('a display name on a page', () => {
	const admin = { username: 'admin', displayName: '系统管理员' };

	it('reads the seeded admin as System administrator on English pages', () => {
		expect(displayNameText(admin, 'en')).toBe('System administrator');
		expect(displayNameText(admin, 'zh')).toBe('系统管理员');
	});

	it('shows a name a person typed as written, in either language', () => {
		expect(displayNameText({ username: 'liwei', displayName: '李伟' }, 'en')).toBe('李伟');
		// The same words typed for another account are that person's choice.
		expect(displayNameText({ username: 'ops', displayName: '系统管理员' }, 'en')).toBe(
			'系统管理员'
		);
		expect(displayNameText({ ...admin, displayName: '王芳' }, 'en')).toBe('王芳');
		expect(displayNameText({ username: 'zhao', displayName: null }, 'en')).toBe('zhao');
	});
});
