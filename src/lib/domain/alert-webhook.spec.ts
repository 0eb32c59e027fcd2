import { describe, expect, it } from 'vitest';
import {
	acceptedBy,
	chatText,
	maskWebhookUrl,
	retryDelay,
	severeChanges,
	webhookBody,
	webhookUrlError,
	type SevereAlert
} from './alert-webhook';

const alert = (over: Partial<SevereAlert> = {}): SevereAlert => ({
	id: '42',
	reason: 'opened',
	ruleLabel: '支出进度偏慢',
	scopeLabel: '市教育局',
	summary: '执行率 40.0%，低于序时进度 91.0% 达 51.0 个百分点',
	link: 'https://qd.example.gov.cn/alerts/42',
	at: '2026-11-28T02:00:00.000Z',
	...over
});

describe('webhook bodies', () => {
	it('sends group robots a text message that names 预警, the rule, the scope, the summary and the link', () => {
		for (const format of ['wecom', 'dingtalk'] as const) {
			const body = webhookBody(format, alert()) as { msgtype: string; text: { content: string } };
			expect(body.msgtype).toBe('text');
			expect(body.text.content).toBe(
				'【严重预警】支出进度偏慢 · 市教育局\n执行率 40.0%，低于序时进度 91.0% 达 51.0 个百分点\n查看：https://qd.example.gov.cn/alerts/42'
			);
		}
	});

	it('says what an escalation rose from', () => {
		expect(chatText(alert({ reason: 'escalated', fromLevelLabel: '预警' }))).toMatch(
			/^【预警升级为严重（原为预警）】支出进度偏慢/
		);
	});

	it('gives programs the alert as JSON', () => {
		expect(webhookBody('json', alert({ reason: 'escalated' }))).toMatchObject({
			event: 'alert.severe.escalated',
			alert: {
				id: '42',
				level: 'severe',
				rule: '支出进度偏慢',
				url: 'https://qd.example.gov.cn/alerts/42'
			}
		});
	});
});

describe('what counts as delivered', () => {
	it('needs a 2xx answer', () => {
		expect(acceptedBy('json', 500, '')).toEqual({ ok: false, error: 'HTTP 500' });
		expect(acceptedBy('json', 204, '')).toEqual({ ok: true });
	});
	it('reads the robots’ errcode, which they send with 200', () => {
		expect(acceptedBy('wecom', 200, '{"errcode":0,"errmsg":"ok"}').ok).toBe(true);
		expect(
			acceptedBy('dingtalk', 200, '{"errcode":310000,"errmsg":"keywords not in content"}')
		).toEqual({
			ok: false,
			error: 'errcode 310000: keywords not in content'
		});
	});
});

describe('retry schedule', () => {
	const policy = { maxAttempts: 4, baseMs: 1000, capMs: 3000 };
	it('doubles the wait after each failure up to the cap, then gives up', () => {
		expect([1, 2, 3].map((n) => retryDelay(n, policy))).toEqual([1000, 2000, 3000]);
		expect(retryDelay(4, policy)).toBeNull();
	});
});

describe('webhook addresses', () => {
	it('accepts http(s) addresses without credentials', () => {
		expect(webhookUrlError('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc')).toBeNull();
		expect(webhookUrlError('ftp://example.com/x')).toBe('scheme');
		expect(webhookUrlError('https://u:p@example.com/')).toBe('credentials');
		expect(webhookUrlError('not a url')).toBe('invalid');
	});
});

describe('what is sent', () => {
	it('takes severe openings and escalations to severe from an alerts event, nothing else', () => {
		const changes = [
			{ id: 1, level: 'severe', change: 'opened' },
			{ id: 2, level: 'severe', change: 'escalated', fromLevel: 'warning' },
			{ id: 3, level: 'warning', change: 'opened' },
			{ id: 4, level: 'severe', change: 'status' },
			{ id: 5, level: 'severe', change: 'cleared' }
		];
		expect(severeChanges({ changes })).toEqual([
			{ alertId: '1', reason: 'opened' },
			{ alertId: '2', reason: 'escalated', fromLevel: 'warning' }
		]);
		expect(severeChanges({})).toEqual([]);
		expect(severeChanges(null)).toEqual([]);
	});

	it('shows and logs a robot’s address without the key in its query', () => {
		expect(maskWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret')).toBe(
			'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?…'
		);
		expect(maskWebhookUrl('https://hooks.example.org/alerts')).toBe(
			'https://hooks.example.org/alerts'
		);
		expect(maskWebhookUrl('not a url')).toBe('…');
	});
});
