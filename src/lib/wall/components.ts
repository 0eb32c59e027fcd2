// Each wall screen's component, by screen id (see screens.ts for how to add a screen).
import type { Component } from 'svelte';
import type { ScreenData } from '../server/wall-screens';
import type { ScreenId } from './screens';
import type { ScreenProps } from './types';
import AlertsScreen from './AlertsScreen.svelte';
import AssetsScreen from './AssetsScreen.svelte';
import AuditScreen from './AuditScreen.svelte';
import DebtScreen from './DebtScreen.svelte';
import DepartmentsScreen from './DepartmentsScreen.svelte';
import FunctionsScreen from './FunctionsScreen.svelte';
import OverviewScreen from './OverviewScreen.svelte';
import PaymentsScreen from './PaymentsScreen.svelte';
import RevenueScreen from './RevenueScreen.svelte';

export const COMPONENTS: { [K in ScreenId]: Component<ScreenProps<ScreenData[K]>> } = {
	overview: OverviewScreen,
	functions: FunctionsScreen,
	departments: DepartmentsScreen,
	revenue: RevenueScreen,
	alerts: AlertsScreen,
	assets: AssetsScreen,
	debt: DebtScreen,
	audit: AuditScreen,
	payments: PaymentsScreen
};
