/**
 * The privacy walk: with payments to persons (with and without a payee kind, named inside 用途,
 * large enough to raise findings, one loaded in bulk), everything a committee member and every kind
 * of wall display can be sent — every route of the route tree and its data, every GET endpoint (the
 * exports), the links those lead to, and every live event, the live views its socket watches (the
 * overview of each budget kind: first state and every push) included — must not carry a person's
 * name, nor the part of it that masking hides (displays: not even the masked surname). Staff see
 * the names: the control that shows the walk finds them where they are. Route-tree driven, so new
 * pages are walked too.
 */
import { io, type Socket } from 'socket.io-client';
import type { BulkCommitAnswer } from '../../src/lib/ingest/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_KINDS } from '../../src/lib/domain/budget-kinds';
import { SCREENS, SCREEN_IDS } from '../../src/lib/wall/screens';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { Agent, setUpPrincipals, testidText } from '../support/http';
import { SAMPLE_PARAMS, seedSampleRecords } from '../support/samples';
import {
	ADMIN_PASSWORD,
	INGEST_KEY,
	postBatch,
	startServer,
	type RunningServer
} from '../support/server';
import { describeWalk, found, walk, type Visited } from '../support/walk';

/** Persons with rare characters, so a character of theirs found anywhere is theirs. */
const PERSONS = [
	{ name: '龚叡璎', kind: 'person' },
	{ name: '邬彧旻', kind: undefined }, // no payee kind: a person unless known to be an organisation
	{ name: '訾翀翯', kind: 'person' },
	{ name: '蒯羿燊', kind: 'person' } // paid only through a bulk load
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

/**
 * A bulk load (the worker's `--bulk`, on /ingest): a large payment to the fourth person, and a
 * conflicting copy of PRIV-4 naming her (quarantined). Its answers go to the sender only; what it
 * stores and the live events of its commit reach everyone, through the same rule.
 */
async function bulkLoad(server: RunningServer): Promise<BulkCommitAnswer> {
	const d = PERSONS[3];
	const socket = io(`${server.url}/ingest`, {
		transports: ['websocket'],
		auth: { key: INGEST_KEY },
		reconnection: false,
		forceNew: true
	});
	try {
		const records = [
			paymentRecord({
				id: 'PRIV-BULK-1',
				paidAt: recent(10),
				amount: '2100000.00',
				payee: d.name,
				payeeKind: d.kind,
				purpose: `${d.name}课题劳务费`
			}),
			paymentRecord({
				id: 'PRIV-4',
				paidAt: recent(15),
				amount: '861.00',
				payee: d.name,
				payeeKind: d.kind
			})
		];
		const staged = await socket.timeout(60_000).emitWithAck('bulk:batch', {
			batchId: 'walk-bulk-1',
			kind: 'payment',
			records,
			load: 'walk-bulk',
			part: 1
		});
		if (staged.error || staged.accepted !== 2)
			throw new Error(`walk bulk batch: ${JSON.stringify(staged)}`);
		const answer = await socket
			.timeout(60_000)
			.emitWithAck('bulk:commit', { load: 'walk-bulk', parts: 1, evaluate: true });
		if (answer.error) throw new Error(`walk bulk commit: ${JSON.stringify(answer)}`);
		return answer as BulkCommitAnswer;
	} finally {
		socket.close();
	}
}

interface Principal {
	who: string;
	agent: Agent;
	forbidden: readonly string[];
	events: { event: string; args: unknown[] }[];
	socket?: Socket;
	/** Live views it watches besides WATCHED (a display: its wall screen's). */
	views?: object[];
}

/** The live views every walker's socket watches: this year's overview in each budget kind. */
const WATCHED = BUDGET_KINDS.map((budgetKind) => ({ view: 'overview', year, budgetKind }));

describe('the privacy walk', () => {
	let server: RunningServer;
	let staff: Agent;
	const principals: Principal[] = [];
	/** Staff's socket: the control that the pushed views do carry the names where allowed. */
	let staffListener: Principal;
	/** Events each walker had before the payments were sent. */
	let before = new Map<Principal, number>();
	let bulkAnswer: BulkCommitAnswer;

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
					events: [],
					views: [{ view: 'wall', screen, ...(kind ? { kind } : {}) }]
				});
			}
		}
		return out;
	}

	async function listen(p: Principal, display: boolean): Promise<void> {
		const socket = io(`${server.url}/live`, {
			transports: ['websocket'],
			extraHeaders: { cookie: p.agent.cookieHeader },
			auth: display ? { as: 'display' } : {},
			reconnection: false,
			forceNew: true
		});
		p.socket = socket;
		socket.onAny((event: string, ...args: unknown[]) => p.events.push({ event, args }));
		await new Promise<void>((resolve, reject) => {
			socket.once('hello', () => resolve());
			socket.once('connect_error', (err) => reject(new Error(`${p.who}: ${err.message}`)));
		});
		// Live views are pushed only to watchers: watch them, and keep each first state (the reply).
		for (const key of [...WATCHED, ...(p.views ?? [])]) {
			const reply = await socket.emitWithAck('watch', key);
			p.events.push({ event: 'watch reply', args: [reply] });
			if (!reply?.ok) throw new Error(`${p.who}: watch ${JSON.stringify(key)}: ${reply?.error}`);
		}
	}

	/** The live views a frame pushes: in a flush's `events` frame, or on their own (`view`, `viewDiff`). */
	const viewPushes = (e: { event: string; args: unknown[] }): { key?: string }[] =>
		e.event === 'view' || e.event === 'viewDiff'
			? [e.args[0] as { key?: string }]
			: e.event === 'events'
				? ((e.args[1] as { key?: string }[] | undefined) ?? [])
				: [];

	/** Until every walker has been pushed the general overview since the payments, or 20 s. */
	async function viewsPushed(): Promise<void> {
		const pushed = (p: Principal) =>
			p.events
				.slice(before.get(p))
				.some((e) => viewPushes(e).some((v) => v?.key === `overview:${year}:general`));
		const deadline = Date.now() + 20_000;
		while (Date.now() < deadline && ![...principals, staffListener].every(pushed))
			await new Promise((r) => setTimeout(r, 200));
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
				events: [],
				views: [
					{ view: 'wall', screen: 'overview', kind: 'general' },
					{ view: 'wall', screen: 'payments' }
				]
			},
			...(await displaysOfEveryKind(agents.admin))
		);
		staffListener = { who: 'staff', agent: staff, forbidden: [], events: [] };
		for (const p of [...principals, staffListener]) await listen(p, p.who.startsWith('display'));
		before = new Map([...principals, staffListener].map((p) => [p, p.events.length]));
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
		bulkAnswer = await bulkLoad(server);
		await new Promise((r) => setTimeout(r, 1500)); // coalesced live frames
		await viewsPushed();
	});

	afterAll(async () => {
		for (const p of [...principals, staffListener]) p?.socket?.close();
		await server?.stop();
	});

	it('finds the names where staff may see them (the walk can fail)', async () => {
		// The bulk load stored the person's payment and quarantined the conflict; its answer names
		// ids, never a payee.
		expect(bulkAnswer).toMatchObject({ accepted: 1, conflicts: [{ id: 'PRIV-4' }] });
		expect(found(JSON.stringify(bulkAnswer), FOR_DISPLAYS)).toEqual([]);
		expect((await staff.page('/payments/PRIV-BULK-1')).text).toContain(PERSONS[3].name);
		// A case worked with a note naming whom staff checked with: the walk below reads it too.
		const [noted] = await staffAlertIds(staff);
		const note = { note: `已与${PERSONS[0].name}本人核实` };
		expect((await staff.action(`/alerts/${noted}?/acknowledge`, note)).text).toMatch(/success/);
		expect((await staff.page(`/alerts/${noted}`)).text).toContain(note.note);
		const page = await staff.page('/payments/PRIV-1');
		expect(page.status).toBe(200);
		expect(page.text).toContain(PERSONS[0].name);
		// The overview view pushed to staff's socket after the payments carries the ticker's names.
		const pushed = staffListener.events.slice(before.get(staffListener)).flatMap(viewPushes);
		expect(pushed.length).toBeGreaterThan(0);
		expect(found(JSON.stringify(pushed), [PERSONS[0].name])).toEqual([PERSONS[0].name]);
		const csv = await staff.request('GET', `/payments/export.csv?year=${year}`);
		const names = PERSONS.map((p) => p.name);
		expect(found(csv.text, names)).toHaveLength(names.length);
	});

	it('sends no person’s name to a member or a display: pages, data, exports, links, live events', async () => {
		const alertIds = await staffAlertIds(staff);
		const params: Record<string, string[]> = Object.fromEntries(
			Object.entries(SAMPLE_PARAMS).map(([k, v]) => [k, [v]])
		);
		params.id = ['PRIV-1', 'PRIV-2', 'PRIV-3', 'PRIV-4', 'PRIV-BULK-1', ...(params.id ?? [])];
		params.alert = [...alertIds, ...(params.alert ?? [])];
		params.finding = ['PRIV-AUDIT-1', ...(params.finding ?? [])];
		expect(alertIds.length).toBeGreaterThan(0); // the large payments raised findings
		const leaks: string[] = [];
		const summary: string[] = [];
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
			summary.push(summarise(p, visited, before.get(p) ?? 0));
			// The walk reached what holds the persons' payments for this principal.
			const must = p.who.startsWith('display')
				? ['/wall', '/wall/__data.json']
				: [
						'/payments/PRIV-1',
						'/payments/PRIV-2',
						'/payments/PRIV-BULK-1',
						'/alerts',
						...alertIds.map((id) => `/alerts/${id}`),
						'/audit',
						'/audit/PRIV-AUDIT-1',
						'/reports/audit',
						'/debt',
						`/assets/entities/${SAMPLE_PARAMS.entity}`
					];
			for (const url of must)
				if (!visited.some((v) => v.url === url && v.status === 200))
					leaks.push(`${p.who}: the walk did not get ${url}`);
			// Its socket was pushed the live overview after the payments (members and displays alike).
			const views = p.events.slice(before.get(p)).flatMap(viewPushes);
			if (views.length === 0) leaks.push(`${p.who}: no live view was pushed to its socket`);
			for (const v of visited)
				for (const leak of found(v.text, p.forbidden))
					leaks.push(`${p.who} GET ${v.url} (${v.status}): ${leak}`);
			for (const e of p.events)
				for (const leak of found(JSON.stringify(e), p.forbidden))
					leaks.push(`${p.who} live event ${e.event}: ${leak}`);
		}
		console.info(`privacy walk, per audience:\n${summary.join('\n')}`);
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
				for (const id of found(res.text, ['PRIV-1', 'PRIV-2', 'PRIV-3', 'PRIV-4', 'PRIV-BULK-1']))
					problems.push(`${url}: found ${id}`);
			}
			const csv = await member.request('GET', `/payments/export.csv?${q}`);
			if (csv.text.trim().split('\n').length > 1) problems.push(`export.csv?${q}: rows found`);
		}
		expect(problems).toEqual([]);
	});
});

/** What the walk visited for one principal and what its socket was sent, for the record. */
function summarise(p: Principal, visited: Visited[], eventsBefore: number): string {
	const byEvent = new Map<string, number>();
	for (const e of p.events) byEvent.set(e.event, (byEvent.get(e.event) ?? 0) + 1);
	const events = [...byEvent].map(([name, n]) => `${name} ${n}`).join(', ');
	const after = p.events.length - eventsBefore;
	const socket = `socket: ${p.events.length} events (${after} after the payments): ${events}`;
	return `${p.who}: ${describeWalk(visited)}; ${socket}`;
}

/** The ids of the alerts (findings) staff see listed, the large payments' among them. */
async function staffAlertIds(staff: Agent): Promise<string[]> {
	const list = await staff.page('/alerts?status=all');
	return [...new Set([...list.text.matchAll(/href="\/alerts\/(\d+)/g)].map((m) => m[1]))];
}
