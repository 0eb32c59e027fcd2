// The main navigation: one entry per area, shown to roles at or above `minRole`.
import type { MessageKey } from './i18n';

export type NavRole = 'member' | 'staff' | 'admin';

export interface NavItem {
	href: string;
	label: MessageKey;
	minRole: NavRole;
}

export const NAV: NavItem[] = [
	{ href: '/', label: 'nav.overview', minRole: 'member' },
	{ href: '/functions', label: 'nav.functions', minRole: 'member' },
	{ href: '/departments', label: 'nav.departments', minRole: 'member' },
	{ href: '/revenue', label: 'nav.revenue', minRole: 'member' },
	{ href: '/payments', label: 'nav.payments', minRole: 'member' },
	{ href: '/assets', label: 'nav.assets', minRole: 'member' },
	{ href: '/debt', label: 'nav.debt', minRole: 'member' },
	{ href: '/audit', label: 'nav.audit', minRole: 'member' },
	{ href: '/alerts', label: 'nav.alerts', minRole: 'member' },
	{ href: '/reports/month', label: 'nav.report', minRole: 'member' },
	{ href: '/feed', label: 'nav.feed', minRole: 'staff' },
	{ href: '/codes', label: 'nav.codes', minRole: 'staff' },
	{ href: '/rules', label: 'nav.rules', minRole: 'staff' },
	{ href: '/admin', label: 'nav.admin', minRole: 'admin' }
];

const RANK: Record<NavRole, number> = { member: 1, staff: 2, admin: 3 };

export function navFor(role: NavRole): NavItem[] {
	return NAV.filter((item) => RANK[role] >= RANK[item.minRole]);
}

/** Whether a nav entry is the current area: '/' only on the overview, others by prefix. */
export function isCurrent(item: NavItem, pathname: string): boolean {
	return item.href === '/'
		? pathname === '/'
		: pathname === item.href || pathname.startsWith(`${item.href}/`);
}
