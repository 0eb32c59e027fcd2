/**
 * Who the demo city pays: real-sounding organisations and the names of persons (individual payees),
 * a data table with the one draw that makes a person's name.
 */
import type { DemoPlanLine } from './plan-lines';
import { Random } from './random';

/** Real-sounding payees for the demo feed. */
export const orgPayees = [
	'国网供电公司市供电分公司',
	'中国电信股份有限公司市分公司',
	'中国移动通信集团市分公司',
	'市自来水有限公司',
	'市城市建设投资集团有限公司',
	'市交通投资集团有限公司',
	'湖北楚天路桥建设有限公司',
	'湖北长江水利工程有限公司',
	'市第三建筑工程有限公司',
	'市宏达物业服务有限公司',
	'市新华书店有限公司',
	'市邮政分公司',
	'市金桥印务有限公司',
	'湖北华信科技股份有限公司',
	'市智联信息技术有限公司',
	'市绿源环卫服务有限公司',
	'湖北中天会计师事务所有限公司',
	'市公共交通集团有限责任公司',
	'市粮食储备有限公司',
	'市医药有限公司',
	'国药控股湖北有限公司',
	'市宾馆有限公司',
	'市恒通汽车服务有限公司',
	'湖北正信工程咨询有限公司',
	'市园林绿化工程有限公司',
	'湖北光谷软件股份有限公司',
	'市农业发展投资有限公司',
	'市水务集团有限公司',
	'中铁大桥局集团有限公司',
	'中建三局第一建设工程有限责任公司',
	'湖北联投建设有限公司',
	'市华联办公设备有限公司',
	'市石化加油站有限公司',
	'中国人民财产保险股份有限公司市分公司'
];

export const surnames =
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const givenChars =
	'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍鹏建华飞梅鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳佳红建国志强文辉海燕春梅冬梅晓东国庆';

const SURNAMES = [...surnames];
const GIVEN = [...givenChars];

/** A person's name: a surname and one or two given characters. */
export function personName(r: Random): string {
	const s = r.pick(SURNAMES);
	const g1 = r.pick(GIVEN);
	return r.chance(0.6) ? s + g1 + r.pick(GIVEN) : s + g1;
}

/** An individual payee as the live feed shows one: a surname and one given character. */
export function livePersonPayee(r: Random): string {
	return '（个人）' + r.pick(SURNAMES) + r.pick(GIVEN);
}

/** Brand syllables of the suppliers and contractors a large line pays (two make a 字号). */
const BRANDS = [
	...'鑫瑞恒泰华信达宏远博盛通安嘉和顺兴隆昌德润丰宇辰中汇金源启航卓越锦程楚天荆江汉'
];

/** Trades by what a line buys: works and land acquisition, or goods and services. */
export const WORKS_TRADES = [
	'建设工程有限公司',
	'市政工程有限公司',
	'路桥工程有限公司',
	'建筑劳务有限公司',
	'工程监理有限公司',
	'工程造价咨询有限公司',
	'勘察设计有限公司',
	'建材有限公司',
	'园林景观工程有限公司',
	'机电安装工程有限公司'
];
export const GOODS_TRADES = [
	'商贸有限公司',
	'科技有限公司',
	'信息技术有限公司',
	'物业服务有限公司',
	'文化传媒有限公司',
	'设备有限公司',
	'印务有限公司',
	'餐饮管理有限公司',
	'咨询服务有限公司',
	'环境工程有限公司'
];
const PREFIXES = ['市', '湖北', '安澜'];

/** A number from a text (FNV-1a), to seed a line's own payees from what identifies the line. */
function textSeed(text: string): number {
	let h = 0x811c9dc5;
	for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
	return h;
}

/**
 * A line's own counterparties: `count` distinct firm names in the line's trades, the same on every
 * machine (seeded from `key`, not from the payment stream). A large line pays many firms — a works
 * project its contractors, subcontractors, suppliers, supervisors and consultants; a land
 * acquisition the enterprises and collectives it compensates — not the same few city suppliers.
 */
export function linePayees(key: string, count: number, trades: readonly string[]): string[] {
	const r = new Random(textSeed(key));
	const names = new Set<string>();
	for (let guard = 0; names.size < count && guard < count * 20; guard++)
		names.add(r.pick(PREFIXES) + r.pick(BRANDS) + r.pick(BRANDS) + r.pick(trades));
	return [...names];
}

/** What identifies a plan line: the seed of its own payees (linePayees), the same on every machine. */
export function lineKey(line: DemoPlanLine): string {
	return [
		line.budgetKind ?? 'general',
		line.deptCode,
		line.funcCode,
		line.econCode,
		line.projectCode ?? ''
	].join('/');
}

/** The districts' treasuries: what the city transfers to districts (and through them to villages) goes there. */
export const DISTRICT_TREASURIES = [
	'东城区财政局',
	'西城区财政局',
	'南湖区财政局',
	'北城区财政局',
	'经济开发区财政局'
];

/** Trades of the enterprises a subsidy line (对企业补助) supports, by function 项; others: ENTERPRISE_TRADES. */
const SUBSIDISED_TRADES: Record<string, readonly string[]> = {
	'2130122': ['农业开发有限公司', '农民专业合作社', '种业有限公司', '生态农业有限公司'],
	'2060499': ['科技有限公司', '新材料有限公司', '电子科技有限公司', '生物医药有限公司']
};
const ENTERPRISE_TRADES = [
	'科技有限公司',
	'制造有限公司',
	'新材料有限公司',
	'电子科技有限公司',
	'智能装备有限公司',
	'食品有限公司',
	'生物医药有限公司'
];
/** Subsidies that go to one known enterprise of the city, by function 项. */
const SUBSIDISED_ENTERPRISE: Record<string, string> = {
	'2140401': '市公共交通集团有限责任公司', // 对城市公交的补贴
	'2220115': '市粮食储备有限公司' // 粮食风险基金
};

/**
 * Who receives the lump payments of a subsidy or transfer line that names no payee: a transfer goes
 * to the districts' treasuries, or to the medical-insurance fund's account (财政对基本医疗保险基金的
 * 补助); a subsidy to the enterprise the 项 is for, or to enterprises of its own in the trades it
 * supports — never to the city's utilities, printers or auditors.
 */
export function lumpRecipients(line: DemoPlanLine): readonly string[] {
	if (line.pattern === 'transfer')
		return line.funcCode.startsWith('21012')
			? ['市城乡居民基本医疗保险基金财政专户']
			: DISTRICT_TREASURIES;
	const known = SUBSIDISED_ENTERPRISE[line.funcCode];
	if (known) return [known];
	return linePayees(lineKey(line), 6, SUBSIDISED_TRADES[line.funcCode] ?? ENTERPRISE_TRADES);
}
