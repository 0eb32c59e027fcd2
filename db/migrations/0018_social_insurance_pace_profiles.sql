-- Default subject profiles (src/lib/domain/alerts/profiles.ts DEFAULT_PROFILES): social-insurance
-- benefits (function 209) are paid by entitlement on the funds' calendar — pensions in monthly runs,
-- the medical insurance funds' settlements with hospitals by monthly advances and a year-end clearing
-- — not at a department's pace, so the pace rules leave them out until that calendar's figures exist
-- (like 22302's injection plan). A profile staff already set for the same rule and prefix is kept.
INSERT INTO "alert_profile" ("rule_type", "code_kind", "code_prefix", "mode", "note") VALUES
	('paceLag', 'func', '209', 'schedule', '209 社会保险基金支出：按待遇发放和医保结算日程支出（按月发放、年终清算）；有支出计划数据前不按序时进度判断'),
	('q3LowExecution', 'func', '209', 'schedule', '209 社会保险基金支出：按待遇发放和医保结算日程支出（按月发放、年终清算）；有支出计划数据前不按序时进度判断'),
	('yearEndRush', 'func', '209', 'schedule', '209 社会保险基金支出：按待遇发放和医保结算日程支出（按月发放、年终清算）；有支出计划数据前不按序时进度判断'),
	('projectIdle', 'func', '209', 'schedule', '209 社会保险基金支出：按待遇发放和医保结算日程支出（按月发放、年终清算）；有支出计划数据前不按序时进度判断')
ON CONFLICT DO NOTHING;
