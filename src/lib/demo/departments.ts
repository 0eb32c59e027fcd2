// The demo city's departments (市本级): first-level departments with their units and spending lines.
// Budgets are in 万元 for the current year's initial general-budget plan; lines give the share of
// the department's budget by function 项 and a profile that decides economic classes and payments.

export type LineProfile =
	| 'admin' // 行政运行: wages, goods and services, some equipment
	| 'service' // 事业单位 (schools, hospitals): wages heavy
	| 'project' // 项目: capital works and commissioned services, lumpy
	| 'welfare' // 对个人和家庭的补助: many small payments to persons
	| 'subsidy' // 对企业补助
	| 'transfer' // 转移支付 to districts
	| 'debt' // 债务付息
	| 'reserve'; // 预备费: planned, rarely spent

export interface DepartmentSpec {
	code: string;
	name: string;
	/** Initial plan, 万元. */
	budget: number;
	/** [function 项 code, share of budget, profile] */
	lines: [string, number, LineProfile][];
	/** Units under the department besides its own office (机关). */
	units?: string[];
}

const schools = [
	'市第一中学',
	'市第二中学',
	'市第三中学',
	'市第四中学',
	'市实验中学',
	'市外国语学校',
	'市第一高级中学',
	'市第二高级中学',
	'市实验小学',
	'市第一小学',
	'市第二小学',
	'市第三小学',
	'市第四小学',
	'市第五小学',
	'市育才小学',
	'市东湖小学',
	'市南湖小学',
	'市西城小学',
	'市北城小学',
	'市滨江小学',
	'市第一幼儿园',
	'市第二幼儿园',
	'市机关幼儿园',
	'市实验幼儿园',
	'市特殊教育学校',
	'市中等职业学校',
	'市机电工程学校',
	'市卫生学校',
	'市财贸学校',
	'市教育科学研究院',
	'市教师进修学校',
	'市电化教育馆',
	'市招生考试中心',
	'市学生资助管理中心',
	'市青少年校外活动中心',
	'市第六中学',
	'市第七中学',
	'市第八中学',
	'市第九中学',
	'市第十中学',
	'市第十一中学',
	'市第十二中学',
	'市东城小学',
	'市光明小学',
	'市红旗小学',
	'市新华小学',
	'市第三幼儿园',
	'市第四幼儿园',
	'市第五幼儿园',
	'市第六幼儿园',
	'市艺术学校',
	'市体育中学'
];

export const departments: DepartmentSpec[] = [
	{
		code: '101',
		name: '市人大常委会办公室',
		budget: 2600,
		lines: [
			['2010101', 0.7, 'admin'],
			['2010104', 0.15, 'project'],
			['2010108', 0.15, 'project']
		],
		units: ['市人大常委会机关服务中心', '市人大常委会预算联网监督中心']
	},
	{ code: '102', name: '市政协办公室', budget: 2100, lines: [['2010201', 1, 'admin']] },
	{
		code: '103',
		name: '市人民政府办公室',
		budget: 4800,
		lines: [
			['2010301', 0.7, 'admin'],
			['2010350', 0.3, 'service']
		],
		units: ['市人民政府研究室', '市政府接待服务中心', '市12345热线服务中心']
	},
	{
		code: '104',
		name: '市发展和改革委员会',
		budget: 6200,
		lines: [
			['2010401', 0.6, 'admin'],
			['2010401', 0.4, 'project']
		],
		units: ['市价格认证中心', '市重点项目服务中心']
	},
	{
		code: '105',
		name: '市统计局',
		budget: 1600,
		lines: [['2010501', 1, 'admin']],
		units: ['市统计调查中心']
	},
	{
		code: '106',
		name: '市财政局',
		budget: 12500,
		lines: [
			['2010601', 0.6, 'admin'],
			['2010607', 0.4, 'project']
		],
		units: ['市国库支付中心', '市财政投资评审中心', '市政府采购中心']
	},
	{
		code: '107',
		name: '市审计局',
		budget: 1900,
		lines: [['2010801', 1, 'admin']],
		units: ['市经济责任审计中心']
	},
	{
		code: '108',
		name: '市人力资源和社会保障局',
		budget: 9500,
		lines: [
			['2080101', 0.35, 'admin'],
			['2080109', 0.25, 'service'],
			['2080705', 0.4, 'welfare']
		],
		units: ['市社会保险中心', '市就业服务中心', '市人事考试院', '市劳动人事争议仲裁院']
	},
	{
		code: '109',
		name: '市纪委监委机关',
		budget: 4200,
		lines: [['2011101', 1, 'admin']],
		units: ['市纪检监察信息中心']
	},
	{
		code: '110',
		name: '市商务局',
		budget: 3600,
		lines: [
			['2011301', 0.5, 'admin'],
			['2011308', 0.5, 'subsidy']
		],
		units: ['市商务服务中心']
	},
	{ code: '111', name: '市档案馆', budget: 950, lines: [['2012601', 1, 'admin']] },
	{
		code: '112',
		name: '市总工会',
		budget: 1300,
		lines: [['2012901', 1, 'admin']],
		units: ['市工人文化宫']
	},
	{
		code: '113',
		name: '市委办公室',
		budget: 3700,
		lines: [['2013101', 1, 'admin']],
		units: ['市委机要保密局', '市委政策研究室']
	},
	{
		code: '114',
		name: '市委组织部',
		budget: 2600,
		lines: [
			['2013201', 0.7, 'admin'],
			['2013201', 0.3, 'project']
		],
		units: ['市干部教育中心']
	},
	{
		code: '115',
		name: '市委宣传部',
		budget: 3100,
		lines: [
			['2013301', 0.6, 'admin'],
			['2013301', 0.4, 'project']
		],
		units: ['市网络安全和信息化中心']
	},
	{ code: '116', name: '市委统战部', budget: 1250, lines: [['2013401', 1, 'admin']] },
	{
		code: '117',
		name: '市市场监督管理局',
		budget: 8400,
		lines: [
			['2013801', 0.65, 'admin'],
			['2013816', 0.35, 'project']
		],
		units: ['市产品质量监督检验所', '市计量测试所', '市食品药品检验所', '市市场监管综合执法支队']
	},
	{
		code: '118',
		name: '市公安局',
		budget: 54000,
		lines: [
			['2040201', 0.6, 'admin'],
			['2040220', 0.25, 'admin'],
			['2040221', 0.15, 'project']
		],
		units: [
			'市公安局交通管理支队',
			'市公安局东城分局',
			'市公安局西城分局',
			'市公安局南湖分局',
			'市公安局北城分局',
			'市公安局经济开发区分局',
			'市看守所',
			'市拘留所',
			'市公安局特警支队',
			'市公安局刑事侦查支队'
		]
	},
	{ code: '119', name: '市人民检察院', budget: 6800, lines: [['2040401', 1, 'admin']] },
	{ code: '120', name: '市中级人民法院', budget: 8300, lines: [['2040501', 1, 'admin']] },
	{
		code: '121',
		name: '市司法局',
		budget: 3600,
		lines: [
			['2040601', 0.7, 'admin'],
			['2040610', 0.3, 'welfare']
		],
		units: ['市公证处', '市法律援助中心']
	},
	{
		code: '122',
		name: '市教育局',
		budget: 168000,
		lines: [
			['2050101', 0.03, 'admin'],
			['2050201', 0.1, 'service'],
			['2050202', 0.3, 'service'],
			['2050203', 0.25, 'service'],
			['2050204', 0.17, 'service'],
			['2050302', 0.06, 'service'],
			['2050701', 0.02, 'service'],
			['2050801', 0.01, 'project'],
			['2050999', 0.06, 'project']
		],
		units: schools
	},
	{
		code: '123',
		name: '市职业技术学院',
		budget: 18500,
		lines: [
			['2050305', 0.85, 'service'],
			['2050305', 0.15, 'project']
		]
	},
	{
		code: '124',
		name: '市科学技术局',
		budget: 15500,
		lines: [
			['2060101', 0.1, 'admin'],
			['2060302', 0.2, 'project'],
			['2060499', 0.6, 'subsidy'],
			['2060702', 0.1, 'project']
		],
		units: ['市科技信息研究所', '市生产力促进中心']
	},
	{
		code: '125',
		name: '市文化和旅游局',
		budget: 12500,
		lines: [
			['2070101', 0.3, 'admin'],
			['2070104', 0.2, 'service'],
			['2070109', 0.25, 'service'],
			['2070204', 0.25, 'project']
		],
		units: ['市图书馆', '市博物馆', '市群众艺术馆', '市文物保护中心', '市艺术剧院']
	},
	{
		code: '126',
		name: '市体育局',
		budget: 4200,
		lines: [['2070308', 1, 'service']],
		units: ['市体育运动学校', '市全民健身中心']
	},
	{ code: '127', name: '市融媒体中心', budget: 6300, lines: [['2070808', 1, 'service']] },
	{
		code: '128',
		name: '市民政局',
		budget: 39000,
		lines: [
			['2080201', 0.08, 'admin'],
			['2081002', 0.17, 'service'],
			['2081004', 0.05, 'service'],
			['2081901', 0.35, 'welfare'],
			['2081902', 0.25, 'welfare'],
			['2082001', 0.1, 'welfare']
		],
		units: [
			'市社会福利院',
			'市儿童福利院',
			'市救助管理站',
			'市殡仪馆',
			'市老年公寓',
			'市社会组织服务中心'
		]
	},
	{
		code: '129',
		name: '市退役军人事务局',
		budget: 6200,
		lines: [
			['2082801', 0.4, 'admin'],
			['2080801', 0.6, 'welfare']
		],
		units: ['市退役军人服务中心', '市军队离退休干部休养所']
	},
	{
		code: '130',
		name: '市残疾人联合会',
		budget: 5200,
		lines: [['2081107', 1, 'welfare']],
		units: ['市残疾人康复中心']
	},
	{
		code: '131',
		name: '市医疗保障局',
		budget: 46000,
		lines: [
			['2101202', 0.8, 'transfer'],
			['2101301', 0.2, 'welfare']
		],
		units: ['市医疗保障服务中心']
	},
	{
		code: '132',
		name: '市卫生健康委员会',
		budget: 82000,
		lines: [
			['2100101', 0.04, 'admin'],
			['2100201', 0.35, 'service'],
			['2100202', 0.12, 'service'],
			['2100206', 0.08, 'service'],
			['2100302', 0.1, 'service'],
			['2100401', 0.11, 'service'],
			['2100408', 0.2, 'project']
		],
		units: [
			'市中心医院',
			'市第一人民医院',
			'市第二人民医院',
			'市第三人民医院',
			'市中医医院',
			'市妇幼保健院',
			'市传染病医院',
			'市精神卫生中心',
			'市疾病预防控制中心',
			'市急救中心',
			'市血液中心',
			'市卫生健康综合监督执法局',
			'市职业病防治院',
			'市东城社区卫生服务中心',
			'市西城社区卫生服务中心',
			'市南湖社区卫生服务中心',
			'市北城社区卫生服务中心',
			'市滨江社区卫生服务中心',
			'市口腔医院',
			'市康复医院',
			'市卫生健康信息中心',
			'市医学会',
			'市老年病医院'
		]
	},
	{
		code: '133',
		name: '市生态环境局',
		budget: 14500,
		lines: [
			['2110101', 0.25, 'admin'],
			['2110301', 0.25, 'project'],
			['2110302', 0.35, 'project'],
			['2110402', 0.15, 'project']
		],
		units: ['市环境监测站', '市生态环境保护综合执法支队']
	},
	{
		code: '134',
		name: '市城市管理执法委员会',
		budget: 41000,
		lines: [
			['2120101', 0.15, 'admin'],
			['2120104', 0.2, 'admin'],
			['2120501', 0.65, 'project']
		],
		units: ['市环境卫生管理处', '市园林绿化管理处', '市市政设施维护中心', '市城市管理执法支队']
	},
	{
		code: '135',
		name: '市住房和城乡建设局',
		budget: 62000,
		lines: [
			['2120201', 0.1, 'admin'],
			['2120303', 0.3, 'project'],
			['2120399', 0.2, 'project'],
			['2210103', 0.2, 'project'],
			['2210108', 0.2, 'project']
		],
		units: ['市建设工程质量安全监督站', '市房屋征收服务中心', '市住房保障服务中心']
	},
	{
		code: '136',
		name: '市农业农村局',
		budget: 37000,
		lines: [
			['2130101', 0.1, 'admin'],
			['2130122', 0.35, 'subsidy'],
			['2130504', 0.35, 'project'],
			['2130705', 0.2, 'transfer']
		],
		units: [
			'市农业技术推广中心',
			'市畜牧兽医中心',
			'市农产品质量安全检测中心',
			'市农业综合执法支队'
		]
	},
	{
		code: '137',
		name: '市林业局',
		budget: 9200,
		lines: [['2130205', 1, 'project']],
		units: ['市国有林场', '市林业科学研究所']
	},
	{
		code: '138',
		name: '市水利和湖泊局',
		budget: 33000,
		lines: [
			['2130301', 0.12, 'admin'],
			['2130305', 0.6, 'project'],
			['2130306', 0.28, 'service']
		],
		units: ['市水文水资源中心', '市防汛抗旱服务中心', '市河湖保护中心', '市泵站管理处']
	},
	{
		code: '139',
		name: '市交通运输局',
		budget: 49000,
		lines: [
			['2140101', 0.08, 'admin'],
			['2140104', 0.5, 'project'],
			['2140106', 0.22, 'project'],
			['2140401', 0.2, 'subsidy']
		],
		units: [
			'市公路事业发展中心',
			'市港航事业发展中心',
			'市交通运输综合执法支队',
			'市道路运输服务中心'
		]
	},
	{
		code: '140',
		name: '市经济和信息化局',
		budget: 14200,
		lines: [
			['2150501', 0.2, 'admin'],
			['2150805', 0.8, 'subsidy']
		],
		units: ['市中小企业服务中心']
	},
	{
		code: '141',
		name: '市自然资源和规划局',
		budget: 16500,
		lines: [
			['2200101', 0.35, 'admin'],
			['2200106', 0.65, 'project']
		],
		units: ['市不动产登记中心', '市土地储备中心', '市规划研究院']
	},
	{ code: '142', name: '市气象局', budget: 1500, lines: [['2200501', 1, 'admin']] },
	{ code: '143', name: '市住房公积金管理中心', budget: 3200, lines: [['2010301', 1, 'admin']] },
	{
		code: '144',
		name: '市粮食和物资储备局',
		budget: 6100,
		lines: [['2220115', 1, 'subsidy']],
		units: ['市粮油质量监测站']
	},
	{
		code: '145',
		name: '市应急管理局',
		budget: 5200,
		lines: [['2240101', 1, 'admin']],
		units: ['市应急救援指挥中心']
	},
	{ code: '146', name: '市消防救援支队', budget: 12400, lines: [['2240204', 1, 'admin']] },
	{
		code: '147',
		name: '市机关事务服务中心',
		budget: 9300,
		lines: [
			['2010350', 0.7, 'service'],
			['2010350', 0.3, 'project']
		],
		units: ['市公务用车服务中心', '市机关幼儿园']
	},
	{ code: '148', name: '市信访局', budget: 1100, lines: [['2010301', 1, 'admin']] },
	{ code: '149', name: '市民族宗教事务委员会', budget: 850, lines: [['2013401', 1, 'admin']] },
	{
		code: '150',
		name: '市人民政府国有资产监督管理委员会',
		budget: 2600,
		lines: [['2010301', 1, 'admin']]
	},
	{
		code: '151',
		name: '市政务服务和大数据管理局',
		budget: 6300,
		lines: [
			['2010350', 0.4, 'service'],
			['2010350', 0.6, 'project']
		],
		units: ['市政务服务中心', '市大数据中心']
	},
	{ code: '152', name: '市人民政府外事办公室', budget: 700, lines: [['2010301', 1, 'admin']] },
	{ code: '153', name: '市人民防空办公室', budget: 3100, lines: [['20306', 1, 'project']] },
	{ code: '154', name: '市妇女联合会', budget: 750, lines: [['2012901', 1, 'admin']] },
	{ code: '155', name: '共青团市委', budget: 650, lines: [['2012901', 1, 'admin']] },
	{ code: '156', name: '市科学技术协会', budget: 950, lines: [['2060702', 1, 'project']] },
	{ code: '157', name: '市社会科学界联合会', budget: 550, lines: [['2060302', 1, 'admin']] },
	{ code: '158', name: '市文学艺术界联合会', budget: 650, lines: [['2070109', 1, 'admin']] },
	{ code: '159', name: '市红十字会', budget: 750, lines: [['2100408', 1, 'admin']] },
	{ code: '160', name: '市供销合作社联合社', budget: 850, lines: [['2160201', 1, 'admin']] },
	{
		code: '161',
		name: '市招商和投资促进局',
		budget: 3200,
		lines: [
			['2011308', 0.4, 'admin'],
			['2011308', 0.6, 'subsidy']
		]
	},
	{ code: '162', name: '市公共资源交易中心', budget: 1600, lines: [['2010350', 1, 'service']] },
	{ code: '163', name: '市地方金融工作局', budget: 1500, lines: [['2010301', 1, 'admin']] },
	{ code: '164', name: '中共市委党校', budget: 3700, lines: [['2050801', 1, 'service']] },
	{ code: '165', name: '市医疗保障基金监管中心', budget: 900, lines: [['2101301', 1, 'admin']] },
	{ code: '166', name: '市城市排水管理处', budget: 7800, lines: [['2120399', 1, 'project']] },
	{
		code: '167',
		name: '市老干部局',
		budget: 2900,
		lines: [['2013201', 1, 'welfare']],
		units: ['市老干部活动中心']
	},
	{ code: '168', name: '市委政法委员会', budget: 2400, lines: [['2040601', 1, 'admin']] },
	{
		code: '169',
		name: '市委巡察工作领导小组办公室',
		budget: 900,
		lines: [['2011101', 1, 'admin']]
	},
	{
		code: '170',
		name: '市经济技术开发区管理委员会',
		budget: 15500,
		lines: [
			['2010301', 0.2, 'admin'],
			['2120303', 0.5, 'project'],
			['2150805', 0.3, 'subsidy']
		],
		units: ['市经开区建设服务中心']
	},
	{
		code: '190',
		name: '市财政局（代编预算）',
		budget: 142000,
		lines: [
			['23002', 0.62, 'transfer'],
			['2320301', 0.25, 'debt'],
			['227', 0.1, 'reserve'],
			['23303', 0.03, 'debt']
		]
	}
];
