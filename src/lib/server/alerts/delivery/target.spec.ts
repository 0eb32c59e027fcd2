import { describe, expect, it } from 'vitest';
import { addressProblem } from './target';

const open = { allowPrivate: false };
const closed = { allowPrivate: true };

describe('webhook target addresses', () => {
	it('allows public addresses only', () => {
		expect(addressProblem('8.8.8.8', open)).toBeNull();
		expect(addressProblem('2400:3200::1', open)).toBeNull();
		for (const address of [
			'127.0.0.1',
			'10.1.2.3',
			'172.16.0.1',
			'192.168.0.1',
			'169.254.169.254',
			'100.64.0.1',
			'0.0.0.0',
			'255.255.255.255',
			'224.0.0.1',
			'::1',
			'::',
			'fe80::1',
			'fd12::1',
			'2001:db8::1',
			'::ffff:127.0.0.1',
			'::ffff:169.254.169.254',
			'64:ff9b::7f00:1',
			'2002:7f00:1::'
		])
			expect(addressProblem(address, open), address).toMatch(/ is an? \w+ address/);
	});

	it('lets a closed network reach loopback and private ranges, never link-local', () => {
		expect(addressProblem('10.1.2.3', closed)).toBeNull();
		expect(addressProblem('127.0.0.1', closed)).toBeNull();
		expect(addressProblem('::ffff:192.168.1.1', closed)).toBeNull();
		expect(addressProblem('169.254.169.254', closed)).toMatch(/linkLocal/);
		expect(addressProblem('fe80::1', closed)).toMatch(/linkLocal/);
	});

	it('says how to allow a private range', () => {
		expect(addressProblem('192.168.0.1', open)).toMatch(/ALERT_WEBHOOK_ALLOW_PRIVATE=1/);
		expect(addressProblem('not an address', open)).toMatch(/is not an address/);
	});
});
