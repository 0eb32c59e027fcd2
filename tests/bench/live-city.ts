/**
 * bench:live's city: a scratch PostgreSQL database with the dashboards benchmark's city (units, plan
 * lines, `payments` payments in `year`, rollups built as ingest builds them), `members` deputies
 * (role member) each with a session, and a payment to make the feed's changes from.
 */
import { sql } from 'drizzle-orm';
import { openDatabase, rows } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { createSession } from '../../src/lib/server/auth/session';
import { hashPassword } from '../../src/lib/server/auth/users';
import { seedReferenceCodes } from '../../src/lib/server/seed/index';
import { createScratchDatabase } from '../support/databases';
import { buildCity, seedBenchData } from './dashboards-data';

export interface LiveCity {
	url: string;
	/** Session tokens of the deputies, one each. */
	tokens: string[];
	/** A valid payment of the city (id, paidAt and amount are the feed's). */
	template: Record<string, unknown>;
	drop(): Promise<void>;
}

export async function openLiveCity(
	pgUrl: string,
	shape: { year: number; payments: number; members: number },
	log: (m: string) => void
): Promise<LiveCity> {
	const scratch = await createScratchDatabase(pgUrl);
	const database = await openDatabase({ url: scratch.url, max: 5 });
	try {
		await migrateDatabase(database);
		await seedReferenceCodes(database);
		await seedBenchData(
			database,
			{ year: shape.year, payments: shape.payments, lastYearPayments: 0 },
			log
		);
		const hash = await hashPassword('bench-deputy-password');
		const users = await rows<{ id: number }>(
			database.db,
			sql`insert into app_user (username, display_name, role, password_hash)
				select 'deputy' || g, '代表' || g, 'member', ${hash}
				from generate_series(1, ${shape.members}::int) g
				returning id`
		);
		const tokens: string[] = [];
		for (let i = 0; i < users.length; i += 50)
			tokens.push(
				...(
					await Promise.all(users.slice(i, i + 50).map((u) => createSession(database.db, u.id)))
				).map((s) => s.token)
			);
		log(`bench: ${tokens.length} deputies signed in (role member)`);
		const city = buildCity({ year: shape.year, payments: shape.payments, lastYearPayments: 0 });
		const c = city.combos.find((x) => !x.econ.startsWith('303'))!;
		const template = {
			deptCode: c.dept,
			agencyCode: c.agency,
			funcCode: c.func,
			econCode: c.econ,
			projectCode: c.project || undefined,
			payType: 'authorized',
			payee: '基准收款单位1',
			payeeKind: 'org',
			purpose: '基准用途'
		};
		return { url: scratch.url, tokens, template, drop: scratch.drop };
	} finally {
		await database.close();
	}
}
