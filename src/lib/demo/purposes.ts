/**
 * 用途 as a treasury payment carries it: what was bought or paid for, in the words a unit's
 * accountant types (never the unit's name again), by economic 款, pattern and function.
 */
import type { Random } from './random';

const GOODS: Record<string, readonly string[]> = {
	'30201': ['购买办公用品', '复印纸及打印耗材', '办公家具零星购置', '报刊订阅费'],
	'30202': ['文件资料印刷费', '宣传材料印制', '工作手册印刷'],
	'30205': ['{m}月水费'],
	'30206': ['{m}月电费'],
	'30207': ['{m}月通信费', '电子政务外网专线费', '{m}月宽带网络费', '邮寄费'],
	'30209': ['{q}季度物业管理费', '办公楼保洁服务费', '安保服务费'],
	'30211': ['出差差旅费报销', '赴省厅汇报工作差旅费', '外出学习考察差旅费'],
	'30213': ['办公楼维修费', '空调设备维护费', '电梯年度维保费', '信息系统运维费', '车辆维修费'],
	'30214': ['办公用房租金', '会议场地租赁费', '设备租赁费'],
	'30215': ['年度工作会议会务费', '专题工作会议会议费'],
	'30216': ['业务骨干培训费', '干部教育培训费', '新入职人员培训费'],
	'30218': ['专用材料购置', '检测试剂采购', '执法装备耗材'],
	'30226': ['临聘人员劳务费', '专家评审劳务费', '课题咨询劳务费'],
	'30227': ['委托第三方评估费', '审计服务费', '法律顾问服务费', '规划编制委托费'],
	'30228': ['工会经费拨付'],
	'30229': ['职工体检费', '职工福利费'],
	'30231': ['公务用车加油费', '公务用车保险费', '公务用车维修费'],
	'30239': ['公务交通补贴', '市内交通费'],
	'30299': ['其他商品和服务支出', '档案整理服务费', '垃圾清运费', '绿化养护费']
};

const PERSONS: Record<string, string> = {
	'2081901': '{m}月城市低保金',
	'2081902': '{m}月农村低保金',
	'2081107': '{m}月残疾人两项补贴',
	'2082001': '临时救助金',
	'2101301': '城乡医疗救助金',
	'2080801': '抚恤金',
	'2081002': '高龄津贴',
	'2080705': '公益性岗位补贴',
	'2081004': '惠民殡葬补贴',
	'2090201': '{m}月失业保险金',
	'2090207': '技能提升补贴',
	'2090401': '工伤保险待遇'
};

const WORKS = ['工程进度款', '工程预付款', '设计费', '监理费', '工程结算款', '材料款', '勘察费'];

const fill = (text: string, month: number) =>
	text.replace('{m}', String(month)).replace('{q}', '一二三四'[Math.floor((month - 1) / 3)]);

/** The 用途 of a goods or services payment on economic 款 `econ`. */
export function goodsPurpose(econ: string, month: number, r: Random): string {
	const options = GOODS[econ] ?? GOODS['30299'];
	return fill(r.pick(options), month);
}

/** The 用途 of a payment to an individual under function 项 `func`. */
export function personPurpose(func: string, month: number): string {
	return fill(PERSONS[func] ?? '{m}月补助发放', month);
}

/** The 用途 of a works payment on a project. */
export function worksPurpose(projectName: string | undefined, r: Random): string {
	return `${projectName ?? '基础设施建设项目'}${r.pick(WORKS)}`;
}

/** The 用途 of a payment on a plan line of the pattern, or '' for patterns that name their own. */
export function purposeOf(
	pattern: string,
	line: { funcCode: string; projectName?: string },
	econ: string,
	month: number,
	r: Random
): string {
	if (pattern === 'works') return worksPurpose(line.projectName, r);
	if (pattern === 'persons') return personPurpose(line.funcCode, month);
	return goodsPurpose(econ, month, r);
}
