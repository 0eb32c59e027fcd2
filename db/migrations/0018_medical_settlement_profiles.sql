-- Default subject profiles (src/lib/domain/alerts/profiles.ts DEFAULT_PROFILES): the medical
-- insurance funds (function 20903 employees', 20911 residents') settle with hospitals by monthly
-- advances and a year-end clearing, not by the calendar, so the pace rules leave them out until the
-- settlement plan's figures exist (like 22302's injection plan). A profile staff already set for the
-- same rule and prefix is kept.
INSERT INTO "alert_profile" ("rule_type", "code_kind", "code_prefix", "mode", "note") VALUES
	('paceLag', 'func', '20903', 'schedule', '医疗保险基金支出：与定点医疗机构按月预付、年终清算；有结算计划数据前不按序时进度判断'),
	('paceLag', 'func', '20911', 'schedule', '医疗保险基金支出：与定点医疗机构按月预付、年终清算；有结算计划数据前不按序时进度判断'),
	('q3LowExecution', 'func', '20903', 'schedule', '医疗保险基金支出：与定点医疗机构按月预付、年终清算；有结算计划数据前不按序时进度判断'),
	('q3LowExecution', 'func', '20911', 'schedule', '医疗保险基金支出：与定点医疗机构按月预付、年终清算；有结算计划数据前不按序时进度判断'),
	('yearEndRush', 'func', '20903', 'schedule', '医疗保险基金支出：与定点医疗机构按月预付、年终清算；有结算计划数据前不按序时进度判断'),
	('yearEndRush', 'func', '20911', 'schedule', '医疗保险基金支出：与定点医疗机构按月预付、年终清算；有结算计划数据前不按序时进度判断'),
	('projectIdle', 'func', '20903', 'schedule', '医疗保险基金支出：与定点医疗机构按月预付、年终清算；有结算计划数据前不按序时进度判断'),
	('projectIdle', 'func', '20911', 'schedule', '医疗保险基金支出：与定点医疗机构按月预付、年终清算；有结算计划数据前不按序时进度判断')
ON CONFLICT DO NOTHING;
