/**
 * The privacy walk: with payments to persons (with and without a payee kind, named inside 用途,
 * large enough to raise findings), everything a committee member and every kind of wall display
 * can be sent — every route of the route tree and its data, every GET endpoint (the exports), the
 * links those lead to, and every live event — must not carry a person's name, nor the part of it
 * that masking hides (displays: not even the masked surname). Staff see the names: the control
 * that shows the walk finds them where they are. Route-tree driven, so new pages are walked too.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_KINDS } from '../../src/lib/domain/budget-kinds';
import { SCREENS, SCREEN_IDS } from '../../src/lib/wall/screens';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { Agent, setUpPrincipals, testidText } from '../support/http';
import { SAMPLE_PARAMS, seedSampleRecords } from '../support/samples';
import { ADMIN_PASSWORD, postBatch, startServer, type RunningServer } from '../support/server';
import { found, walk, type Visited } from '../support/walk';

/** Persons with rare characters, so a character of theirs found anywhere is theirs. */
const PERSONS = [
	{ name: '龚叡璎', kind: 'person' },
	{ name: '邬彧旻', kind: undefined }, // no payee kind: a person unless known to be an organisation
	{ name: '訾翀翯', kind: 'person' }
] as const;
/** What a member may never get: whole names and the characters masking hides. */
const FOR_MEMBERS = PERSONS.flatMap((p) => [p.name, ...[...p.name].slice(1)]);
/** What a display may never get: any character of a name. */
const FOR_DISPLAYS = PERSONS.flatMap((p) => [...p.name]);

const year = Number(
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
		new Date()
	)
);
const recent = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** Payments to the persons: large ones (大额支付), names inside 用途, one in an organisation's 用途. */
function personalPayments() {
	const [a, b, c] = PERSONS;
	return [
		paymentRecord({
			id: 'PRIV-1',
			paidAt: recent(30),
			amount: '2600000.00',
			payee: a.name,
			payeeKind: a.kind,
			purpose: `${a.name}专家咨询费`
		}),
		paymentRecord({
			id: 'PRIV-2',
			paidAt: recent(25),
			amount: '1800000.00',
			payee: b.name,
			payeeKind: b.kind, // left out of the record: the factory's 'org' must not stand
			purpose: `付${b.name}讲课费`
		}),
		paymentRecord({
			id: 'PRIV-3',
			paidAt: recent(20),
			amount: '3200000.00',
			payee: '市第三建筑工程有限公司',
			payeeKind: 'org',
			purpose: `代付${c.name}、${a.name}劳务费`
		}),
		paymentRecord({
			id: 'PRIV-4',
			paidAt: recent(15),
			amount: '860.00',
			payee: c.name,
			payeeKind: c.kind,
			purpose: '交通补贴'
		})
	];
}

interface Principal {
	who: string;
	agent: Agent;
	forbidden: readonly string[];
	events: unknown[];
	socket?: Socket;
}

describe('the privacy walk', () => {
	let server: RunningServer;
	let staff: Agent;
	const principals: Principal[] = [];

	/** A display per screen and per budget kind of the screens that take one. */
	async function displaysOfEveryKind(admin: Agent): Promise<Principal[]> {
		const out: Principal[] = [];
		for (const screen of SCREEN_IDS) {
			const kinds = SCREENS[screen].takesKind ? BUDGET_KINDS : [undefined];
			for (const kind of kinds) {
				const made = await admin.form('/admin/displays?/create', {
					name: `walk ${screen} ${kind ?? ''}`,
					screen: [screen],
					seconds: ['30'],
					kind: [kind ?? 'general']
				});
				const code = testidText(made.text, 'claim-code');
				if (!code) throw new Error(`no claim code for ${screen} (${made.status})`);
				const agent = new Agent(server);
				const claim = await agent.form('/display/claim', { code });
				if (claim.status !== 303) throw new Error(`claim of ${screen} failed: ${claim.status}`);
				out.push({
					who: `display ${screen}${kind ? ` ${kind}` : ''}`,
					agent,
					forbidden: FOR_DISPLAYS,
					events: []
				});
			}
		}
		return out;
	}

	function listen(p: Principal, display: boolean): Promise<void> {
		const socket = io(`${server.url}/live`, {
			transports: ['websocket'],
			extraHeaders: { cookie: p.agent.cookieHeader },
			auth: display ? { as: 'display' } : {},
			reconnection: false,
			forceNew: true
		});
		p.socket = socket;
		socket.onAny((event: string, ...args: unknown[]) => p.events.push({ event, args }));
		return new Promise((resolve, reject) => {
			socket.once('hello', () => resolve());
			socket.once('connect_error', (err) => reject(new Error(`${p.who}: ${err.message}`)));
		});
	}

	beforeAll(async () => {
		server = await startServer();
		await seedSampleRecords(server);
		const { agents } = await setUpPrincipals(server, ADMIN_PASSWORD);
		staff = agents.staff;
		principals.push(
			{ who: 'member', agent: agents.member, forbidden: FOR_MEMBERS, events: [] },
			{
				who: 'display default playlist',
				agent: agents.display,
				forbidden: FOR_DISPLAYS,
				events: []
			},
			...(await displaysOfEveryKind(agents.admin))
		);
		for (const p of principals) await listen(p, p.who.startsWith('display'));
		// Sent after everyone listens, so every live event the payments cause is heard.
		const send = async (kind: string, records: unknown[]) => {
			const res = await postBatch(server, { batchId: `walk-${kind}`, kind, records });
			if (res.status !== 200 || res.body.rejected.length > 0)
				throw new Error(`walk seed ${kind}: ${JSON.stringify(res.body)}`);
		};
		await send('unit', [unitRecord()]);
		await send('plan', [planRecord({ year, amount: '90000000.00' })]);
		await send('payment', personalPayments());
		// An audit finding whose free text names persons (members see them masked).
		await send('audit', [
			{
				id: 'PRIV-AUDIT-1',
				year: year - 1,
				unitCode: '122',
				category: '违反中央八项规定精神',
				description: `向${PERSONS[0].name}违规发放补贴`,
				type: 'immediate',
				dueDate: `${year - 1}-12-31`,
				status: 'done',
				measures: `已向${PERSONS[1].name}追回`,
				accountability: `对${PERSONS[2].name}诫勉谈话`
			}
		]);
		await new Promise((r) => setTimeout(r, 1500)); // coalesced live frames
	});

	afterAll(async () => {
		for (const p of principals) p.socket?.close();
		await server?.stop();
	});

	it('finds the names where staff may see them (the walk can fail)', async () => {
		const page = await staff.page('/payments/PRIV-1');
		expect(page.status).toBe(200);
		expect(page.text).toContain(PERSONS[0].name);
		const csv = await staff.request('GET', `/payments/export.csv?year=${year}`);
		expect(
			found(
				csv.text,
				PERSONS.map((p) => p.name)
			).length
		).toBe(PERSONS.length);
	});

	it('sends no person’s name to a member or a display: pages, data, exports, links, live events', async () => {
		const alertIds = await staffAlertIds(staff);
		const params: Record<string, string[]> = Object.fromEntries(
			Object.entries(SAMPLE_PARAMS).map(([k, v]) => [k, [v]])
		);
		params.id = ['PRIV-1', 'PRIV-2', 'PRIV-3', 'PRIV-4', ...(params.id ?? [])];
		params.alert = [...alertIds, ...(params.alert ?? [])];
		expect(alertIds.length).toBeGreaterThan(0); // the large payments raised findings
		const leaks: string[] = [];
		let walked = 0;
		for (const p of principals) {
			const visited: Visited[] = await walk(p.agent, {
				params,
				extra: [
					`/payments?year=${year}&size=200`,
					`/payments/export.csv?year=${year}`,
					`/payments/export.xlsx?year=${year}`,
					`/payments/export.csv?year=${year}&sort=payee`,
					`/?year=${year}`,
					'/wall',
					...SCREEN_IDS.map((s) => `/wall?screen=${s}`)
				]
			});
			walked += visited.length;
			// The walk reached what holds the persons' payments for this principal.
			const must = p.who.startsWith('display')
				? ['/wall', '/wall/__data.json']
				: ['/payments/PRIV-1', '/payments/PRIV-2', ...alertIds.map((id) => `/alerts/${id}`)];
			for (const url of must)
				if (!visited.some((v) => v.url === url && v.status === 200))
					leaks.push(`${p.who}: the walk did not get ${url}`);
			for (const v of visited)
				for (const leak of found(v.text, p.forbidden))
					leaks.push(`${p.who} GET ${v.url} (${v.status}): ${leak}`);
			for (const e of p.events)
				for (const leak of found(JSON.stringify(e), p.forbidden))
					leaks.push(`${p.who} live event: ${leak}`);
		}
		expect(walked).toBeGreaterThan(100);
		expect(leaks).toEqual([]);
	});

	it('lets a member’s search find nothing by a name or the hidden part of one', async () => {
		const member = principals[0].agent;
		const problems: string[] = [];
		for (const term of FOR_MEMBERS) {
			const q = `year=${year}&payee=${encodeURIComponent(term)}&size=200`;
			for (const url of [`/payments?${q}`, `/payments/__data.json?${q}`]) {
				const res = await member.request('GET', url);
				for (const id of found(res.text, ['PRIV-1', 'PRIV-2', 'PRIV-3', 'PRIV-4']))
					problems.push(`${url}: found ${id}`);
			}
			const csv = await member.request('GET', `/payments/export.csv?${q}`);
			if (csv.text.trim().split('\n').length > 1) problems.push(`export.csv?${q}: rows found`);
		}
		expect(problems).toEqual([]);
	});
});

/** The ids of the alerts (findings) staff see listed, the large payments' among them. */
async function staffAlertIds(staff: Agent): Promise<string[]> {
	const list = await staff.page('/alerts?status=all');
	return [...new Set([...list.text.matchAll(/href="\/alerts\/(\d+)/g)].map((m) => m[1]))];
}
