import { describe, expect, it } from 'vitest';
import { closes, mayMove, statusRequestProblem } from './lifecycle';

describe('an alert’s lifecycle', () => {
	it('moves open → acknowledged → resolved, or to dismissed, and nowhere after', () => {
		expect(mayMove('open', 'acknowledged')).toBe(true);
		expect(mayMove('open', 'resolved')).toBe(false);
		expect(mayMove('acknowledged', 'resolved')).toBe(true);
		expect(mayMove('acknowledged', 'dismissed')).toBe(true);
		expect(mayMove('resolved', 'open')).toBe(false);
		expect(mayMove('cleared', 'acknowledged')).toBe(false);
		expect([closes('resolved'), closes('dismissed'), closes('acknowledged')]).toEqual([
			true,
			true,
			false
		]);
	});

	it('refuses what only the system does, and 已反馈 without a note', () => {
		expect(statusRequestProblem('cleared', 'x')).toBe('to: only the system clears alerts');
		expect(statusRequestProblem('open', 'x')).toBe('to: only the system opens alerts');
		expect(statusRequestProblem('closed', 'x')).toMatch(/^to: must be one of open, /);
		expect(statusRequestProblem('acknowledged', '')).toMatch(/^note: /);
		expect(statusRequestProblem('resolved', '')).toBeNull();
		expect(statusRequestProblem('dismissed', 'x'.repeat(2001))).toBe(
			'note: at most 2000 characters'
		);
	});
});
