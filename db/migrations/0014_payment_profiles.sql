-- Default subject profiles (src/lib/domain/alerts/profiles.ts DEFAULT_PROFILES) of the large-payment
-- rule: debt interest and fees (232/233) follow the bond schedule; capital works (econ 309/310) are
-- paid by contract milestone against an approved project plan, a case from 500万. A profile staff
-- already set for the same rule and prefix is kept.
INSERT INTO "alert_profile" ("rule_type", "code_kind", "code_prefix", "mode", "params", "note") VALUES
	('largePayment', 'func', '232', 'schedule', NULL, '按债券还本付息计划执行；有债务数据前不按序时进度判断'),
	('largePayment', 'func', '233', 'schedule', NULL, '按债券还本付息计划执行；有债务数据前不按序时进度判断'),
	('largePayment', 'econ', '309', 'thresholds', '{"thresholds":{"notice":"5000000","warning":"5000000","severe":"50000000"}}', '资本性支出：按合同进度付款，项目超预算另行判断；500万起为大额支付'),
	('largePayment', 'econ', '310', 'thresholds', '{"thresholds":{"notice":"5000000","warning":"5000000","severe":"50000000"}}', '资本性支出：按合同进度付款，项目超预算另行判断；500万起为大额支付')
ON CONFLICT DO NOTHING;
