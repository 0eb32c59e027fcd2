import { error } from '@sveltejs/kit';
import { LEVELS } from '$lib/domain/alert-text';
import { ALERT_STATUSES } from '$lib/domain/alerts/lifecycle';
import { isRuleType, RULE_TYPES } from '$lib/domain/alerts/params';
import * as alerts from '$lib/server/alerts/index';
import { requireUser } from '$lib/server/auth/guard';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

/** `?level=&status=&rule=&dept=`: unknown values are refused with what is allowed (400). */
function filterOf(url: URL) {
	const p = url.searchParams;
	const level = p.get('level') || undefined;
	const status = p.get('status') || 'active';
	const rule = p.get('rule') || undefined;
	const dept = p.get('dept') || undefined;
	if (level && !(LEVELS as readonly string[]).includes(level))
		error(400, `level must be one of ${LEVELS.join(', ')}`);
	if (!['active', 'all', ...ALERT_STATUSES].includes(status))
		error(400, `status must be active, all or one of ${ALERT_STATUSES.join(', ')}`);
	if (rule && !isRuleType(rule)) error(400, `rule must be one of ${RULE_TYPES.join(', ')}`);
	if (dept && !/^[0-9A-Za-z]{1,20}$/.test(dept)) error(400, 'dept must be a department code');
	return {
		level: level as (typeof LEVELS)[number] | undefined,
		status: status as alerts.AlertsQuery['status'],
		ruleType: rule as alerts.AlertsQuery['ruleType'],
		deptCode: dept
	};
}

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:alerts');
	const period = periodQuery(event.url);
	const filter = filterOf(event.url);
	return {
		period,
		filter,
		page: await alerts.alertsPage({ year: period.year, ...filter }),
		rules: RULE_TYPES,
		limit: alerts.LIST_LIMIT
	};
};
