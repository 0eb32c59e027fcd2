-- Default subject profiles (src/lib/domain/alerts/profiles.ts DEFAULT_PROFILES): capital injections
-- into state enterprises (function 22302) are paid in the tranches of the approved injection plan,
-- not by the calendar, so the pace rules leave them out until the plan's figures exist (like debt
-- service before debt data). A profile staff already set for the same rule and prefix is kept.
INSERT INTO "alert_profile" ("rule_type", "code_kind", "code_prefix", "mode", "note") VALUES
	('paceLag', 'func', '22302', 'schedule', '22302 国有企业资本金注入：按出资计划分期注入；有出资计划数据前不按序时进度判断'),
	('q3LowExecution', 'func', '22302', 'schedule', '22302 国有企业资本金注入：按出资计划分期注入；有出资计划数据前不按序时进度判断'),
	('yearEndRush', 'func', '22302', 'schedule', '22302 国有企业资本金注入：按出资计划分期注入；有出资计划数据前不按序时进度判断'),
	('projectIdle', 'func', '22302', 'schedule', '22302 国有企业资本金注入：按出资计划分期注入；有出资计划数据前不按序时进度判断')
ON CONFLICT DO NOTHING;
