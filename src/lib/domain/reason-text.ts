/**
 * Ingest rejection reasons in Chinese. The server words a reason once, in English, for senders
 * (acks, the worker's reports) and keeps it so in quarantine: "field: message; field: message".
 * Staff on a Chinese page read each part with the field's Chinese name and the message translated
 * when its wording is known; a part whose wording is not known is kept as it was, so nothing a
 * sender said is lost. Server-side only (page data), so no page ships these strings.
 */

/** Record fields of every kind, with the names staff know them by. */
const FIELDS: Record<string, string> = {
	record: '记录',
	id: '编号',
	code: '编码',
	name: '名称',
	parentCode: '上级单位编码',
	year: '年度',
	stage: '阶段',
	side: '收支',
	budgetKind: '预算类型',
	amount: '金额',
	deptCode: '预算单位编码',
	agencyCode: '基层预算单位编码',
	funcCode: '功能科目编码',
	econCode: '经济科目编码',
	projectCode: '项目编码',
	projectName: '项目名称',
	subjectCode: '收入科目编码',
	effectiveOn: '生效日期',
	paidAt: '支付时间',
	payType: '支付方式',
	payee: '收款人',
	payeeKind: '收款人类型',
	purpose: '用途',
	collectedAt: '入库时间',
	period: '期间',
	category: '类别',
	entityCode: '主体编码',
	entityName: '主体名称',
	figures: '指标',
	quarantine: '隔离记录'
};

/** Known message wordings (records/, codes.ts, ingest) and their Chinese; `$1`… are kept as sent. */
const MESSAGES: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
	[/^is required$/, '缺少（必填）'],
	[/^is required on a spending line$/, '支出指标必填'],
	[/^is required on a revenue line$/, '收入指标必填'],
	[/^must not be empty$/, '不能为空'],
	[/^must be at most (\d+) characters$/, '最多 $1 个字符'],
	[
		/^must not contain the NUL character or broken Unicode$/,
		'不能含 NUL 字符或残缺的 Unicode 字符'
	],
	[/^must be 1–20 digits$/, '须为 1–20 位数字'],
	[/^must be 1–40 letters, digits or dashes$/, '须为 1–40 位字母、数字或连字符'],
	[/^must contain digits only, got (.*)$/s, '只能含数字，收到 $1'],
	[
		/^must have ([\d, ]+) digits, got (\d+)$/,
		(_, lengths: string, n: string) =>
			`须为 ${lengths.replace(/, (?=\d+$)/, ' 或 ').replaceAll(', ', '、')} 位数字，收到 ${n} 位`
	],
	[
		/^must be a decimal amount in 元 with at most 2 decimals, got (.*)$/s,
		'须为以元计、最多两位小数的数额，收到 $1'
	],
	[/^is beyond ±1,000,000,000,000 元, got (.*)$/s, '超出 ±1,000,000,000,000 元，收到 $1'],
	[/^must be a decimal number, got (.*)$/s, '须为十进制数，收到 $1'],
	[
		/^must be an ISO 8601 date-time that exists, got (.*)$/s,
		'须为实际存在的 ISO 8601 日期时间，收到 $1'
	],
	[/^must be a date YYYY-MM-DD$/, '须为日期 YYYY-MM-DD'],
	[/^must be YYYY or YYYY-MM$/, '须为 YYYY 或 YYYY-MM'],
	[/^must be a whole year$/, '须为整数年份'],
	[/^must be 2000 or later$/, '不能早于 2000 年'],
	[/^must be 2100 or earlier$/, '不能晚于 2100 年'],
	[/^must be one of (.*)$/s, '须为以下之一：$1'],
	[/^must be initial or adjusted$/, '须为 initial（年初）或 adjusted（调整）'],
	[/^must be expenditure or revenue$/, '须为 expenditure（支出）或 revenue（收入）'],
	[/^must be direct or authorized$/, '须为 direct（直接支付）或 authorized（授权支付）'],
	[/^must be org or person$/, '须为 org（单位）或 person（个人）'],
	[
		/^must be enterprise, financial, administrative or natural$/,
		'须为 enterprise、financial、administrative 或 natural'
	],
	[/^must name between 1 and 60 figures$/, '须列出 1–60 项指标'],
	[/^must be a JSON object$/, '须为 JSON 对象'],
	[
		/^(\d+) bytes is over the (\d+)-byte limit for one record$/,
		'$1 字节，超过单条记录 $2 字节的上限'
	],
	[/^over the (\d+)-byte limit for one record$/, '超过单条记录 $1 字节的上限'],
	[
		/^this entry is no longer open \(resolved by someone else\)$/,
		'该条已不在待处理状态（已由他人处理）'
	],
	[
		/^must be a decimal number or a text of at most 40 characters$/,
		'须为数字，或不超过 40 个字符的文字'
	],
	[/^Invalid key in record$/, '指标名称须为 1–60 个字符'],
	[/^Invalid input: expected (\w+), received (\w+)$/, '类型不对：应为 $1，收到 $2'],
	[/^Invalid input$/, '格式不对']
];

const KINDS: Record<string, string> = {
	payment: '支付',
	plan: '指标',
	revenue: '收入',
	asset: '资产报表',
	unit: '预算单位'
};
const CONFLICT = /^id (.*) — (\w+) already stored with different content; the first stays$/s;

/** One "field: message" part; a part without a known field is kept whole. */
function partInChinese(part: string): string {
	const colon = part.indexOf(': ');
	if (colon < 0) return part;
	const field = part.slice(0, colon);
	const message = part.slice(colon + 2);
	if (field === 'conflict') {
		const m = CONFLICT.exec(message);
		return m ? `冲突：编号 ${m[1]} 的${KINDS[m[2]] ?? m[2]}已以不同内容入库，保留先到的一条` : part;
	}
	const label = fieldLabel(field);
	if (label === null) return part;
	for (const [pattern, chinese] of MESSAGES) {
		// (the two calls are the two overloads of replace: a template or a function)
		if (pattern.test(message))
			return `${label}：${typeof chinese === 'string' ? message.replace(pattern, chinese) : message.replace(pattern, chinese)}`;
	}
	return `${label}：${message}`;
}

/** `amount`, or a nested path such as `figures.totalAssets`, named for staff; null when unknown. */
function fieldLabel(field: string): string | null {
	if (FIELDS[field]) return `${FIELDS[field]}（${field}）`;
	const [head, ...rest] = field.split('.');
	return FIELDS[head] && rest.length > 0 ? `${FIELDS[head]}（${field}）` : null;
}

/** The reason in Chinese, part by part (parts are separated by "; " before the next "field: "). */
export function reasonInChinese(reason: string): string {
	return reason
		.split(/; (?=[A-Za-z][\w.]*: )/)
		.map(partInChinese)
		.join('；');
}
