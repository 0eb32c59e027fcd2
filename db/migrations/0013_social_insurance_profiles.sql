-- Default subject profiles (src/lib/domain/alerts/profiles.ts DEFAULT_PROFILES): social-insurance
-- benefit payouts (function 209: pensions, medical-insurance settlements) are routine monthly runs,
-- left out of the large, split and duplicate payment rules like wages and 代发. A profile staff
-- already set for the same rule and prefix is kept.
INSERT INTO "alert_profile" ("rule_type", "code_kind", "code_prefix", "mode", "note") VALUES
	('largePayment', 'func', '209', 'excluded', '209 社会保险基金支出：养老金发放、医保基金结算等按月例行支付'),
	('splitPayment', 'func', '209', 'excluded', '209 社会保险基金支出：养老金发放、医保基金结算等按月例行支付'),
	('duplicatePayment', 'func', '209', 'excluded', '209 社会保险基金支出：养老金发放、医保基金结算等按月例行支付')
ON CONFLICT DO NOTHING;
