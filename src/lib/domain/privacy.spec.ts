import { describe, expect, it } from 'vitest';
import { maskName, PersonNames, showPayee, viewerOfRole } from './privacy';

const names = new PersonNames(['王小明', '欧阳晓明', '李敏']);

describe('who sees persons', () => {
	it('is staff and administrators; members get names masked, displays and anyone else none', () => {
		expect(viewerOfRole('admin')).toBe('staff');
		expect(viewerOfRole('staff')).toBe('staff');
		expect(viewerOfRole('member')).toBe('member');
		expect(viewerOfRole(undefined)).toBe('display');
		expect(viewerOfRole('intruder')).toBe('display');
	});
});

describe('a person’s name', () => {
	it('keeps its first character for a member and nothing for a display', () => {
		expect(maskName('张伟', 'member')).toBe('张*');
		expect(maskName('欧阳晓明', 'member')).toBe('欧***');
		expect(maskName('（个人）李敏', 'member')).toBe('李*');
		expect(maskName('张伟', 'display')).toBe('**');
	});
});

describe('a payment’s payee and 用途', () => {
	const person = { payee: '王小明', payeeKind: 'person', purpose: '王小明差旅费报销' };
	const unknownKind = { payee: '王小明', payeeKind: null, purpose: '劳务费' };
	const org = {
		payee: '市华联办公设备有限公司',
		payeeKind: 'org',
		purpose: '代付王小明、李敏劳务费'
	};

	it('are shown whole to staff', () => {
		expect(showPayee(person, 'staff', names)).toMatchObject({
			payee: '王小明',
			purpose: '王小明差旅费报销',
			payeeMasked: false
		});
	});

	it('hide a person from a member: the name masked, the 用途 withheld', () => {
		expect(showPayee(person, 'member', names)).toEqual({
			payee: '王**',
			payeeKind: 'person',
			payeeMasked: true,
			purpose: null,
			purposeWithheld: true
		});
	});

	it('treat a payee whose kind is not given as a person', () => {
		expect(showPayee(unknownKind, 'member', names)).toMatchObject({
			payee: '王**',
			purpose: null,
			purposeWithheld: true
		});
		expect(showPayee(unknownKind, 'display', names)).toMatchObject({ payee: null, purpose: null });
	});

	it('name an organisation and mask the persons its 用途 names', () => {
		expect(showPayee(org, 'member', names)).toMatchObject({
			payee: '市华联办公设备有限公司',
			purpose: '代付王**、李*劳务费'
		});
		expect(showPayee(org, 'display', names).purpose).toBe('代付***、**劳务费');
	});
});

describe('names inside text', () => {
	it('masks the longest known name at each place and leaves other text alone', () => {
		const n = new PersonNames(['欧阳', '欧阳晓明', '张']);
		expect(n.mask('付欧阳晓明、欧阳锋', 'display')).toBe('付****、**锋');
		expect(n.occursIn('张江路改造')).toBe(false); // one character is not a name
		expect(n.occursIn('付欧阳锋')).toBe(true);
	});

	it('finds the names a search term could reach through their masked part', () => {
		expect(names.sharingCharsWith('小').sort()).toEqual(['王小明']);
		expect(names.sharingCharsWith('明').sort()).toEqual(['欧阳晓明', '王小明']);
		expect(names.sharingCharsWith('维修')).toEqual([]);
	});
});
