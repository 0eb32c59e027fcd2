-- Subject profiles (issue 17): per rule and code prefix, lines the rule leaves out ('excluded'),
-- judges on their own schedule ('schedule': left out until that schedule's figures exist) or judges
-- with other thresholds ('thresholds', params = the fields that differ). Seeded with domain.md's
-- defaults (src/lib/domain/alerts/profiles.ts DEFAULT_PROFILES); every change is kept.
CREATE TABLE "alert_profile" (
	"rule_type" text NOT NULL,
	"code_kind" text NOT NULL,
	"code_prefix" text NOT NULL,
	"mode" text NOT NULL,
	"params" jsonb,
	"note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_profile_pk" PRIMARY KEY("rule_type","code_kind","code_prefix")
);
--> statement-breakpoint
CREATE TABLE "alert_profile_change" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_type" text NOT NULL,
	"code_kind" text NOT NULL,
	"code_prefix" text NOT NULL,
	"old_profile" jsonb,
	"new_profile" jsonb,
	"actor_user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "alert_profile_change_rule" ON "alert_profile_change" USING btree ("rule_type","at");
--> statement-breakpoint
INSERT INTO "alert_profile" ("rule_type", "code_kind", "code_prefix", "mode", "note") VALUES
	('paceLag', 'func', '227', 'excluded', '227 预备费：备用，常在年末使用或不使用，不按序时进度'),
	('paceLag', 'func', '232', 'schedule', '按债券还本付息计划执行；有债务数据前不按序时进度判断'),
	('paceLag', 'func', '233', 'schedule', '按债券还本付息计划执行；有债务数据前不按序时进度判断'),
	('paceLag', 'func', '230', 'excluded', '230 转移性支出：按转移支付下达日程执行'),
	('q3LowExecution', 'func', '227', 'excluded', '227 预备费：备用，常在年末使用或不使用，不按序时进度'),
	('q3LowExecution', 'func', '232', 'schedule', '按债券还本付息计划执行；有债务数据前不按序时进度判断'),
	('q3LowExecution', 'func', '233', 'schedule', '按债券还本付息计划执行；有债务数据前不按序时进度判断'),
	('q3LowExecution', 'func', '230', 'excluded', '230 转移性支出：按转移支付下达日程执行'),
	('yearEndRush', 'func', '227', 'excluded', '227 预备费：备用，常在年末使用或不使用，不按序时进度'),
	('yearEndRush', 'func', '232', 'schedule', '按债券还本付息计划执行；有债务数据前不按序时进度判断'),
	('yearEndRush', 'func', '233', 'schedule', '按债券还本付息计划执行；有债务数据前不按序时进度判断'),
	('yearEndRush', 'func', '230', 'excluded', '230 转移性支出：按转移支付下达日程执行'),
	('projectIdle', 'func', '227', 'excluded', '227 预备费：备用，常在年末使用或不使用，不按序时进度'),
	('projectIdle', 'func', '232', 'schedule', '按债券还本付息计划执行；有债务数据前不按序时进度判断'),
	('projectIdle', 'func', '233', 'schedule', '按债券还本付息计划执行；有债务数据前不按序时进度判断'),
	('projectIdle', 'func', '230', 'excluded', '230 转移性支出：按转移支付下达日程执行'),
	('largePayment', 'econ', '301', 'excluded', '301 工资福利支出：按月例行发放'),
	('largePayment', 'econ', '303', 'excluded', '303 对个人和家庭的补助：例行代发'),
	('largePayment', 'func', '230', 'excluded', '230 转移性支出：对区财政局的一般性转移支付'),
	('splitPayment', 'econ', '301', 'excluded', '工资例行发放'),
	('splitPayment', 'econ', '303', 'excluded', '例行代发'),
	('duplicatePayment', 'econ', '301', 'excluded', '工资例行发放'),
	('duplicatePayment', 'econ', '303', 'excluded', '例行代发');
