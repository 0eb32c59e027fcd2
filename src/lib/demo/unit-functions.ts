/**
 * Which function 项 a demo unit's own spending falls under, from its name: kindergartens under
 * 2050201 学前教育, primary schools under 2050202 小学教育, and so on. A service line of a department
 * pays through the units that fit its 项, so a kindergarten never pays under 高中教育.
 */

const KINDS: readonly (readonly [RegExp, readonly string[]])[] = [
	[/幼儿园/, ['2050201']],
	[/小学/, ['2050202']],
	[/初级中学/, ['2050203']],
	[/高级中学/, ['2050204']],
	[/第.+中学|体育中学/, ['2050203', '2050204']],
	[/职业技术学院/, ['2050305']],
	[/中等职业|工程学校|卫生学校|财贸学校|艺术学校/, ['2050302']],
	[/特殊教育/, ['2050701']],
	[/教师进修/, ['2050801']],
	[/中医院/, ['2100202']],
	[/妇幼保健/, ['2100206']],
	[/医院/, ['2100201']],
	[/卫生院/, ['2100302']],
	[/疾病预防控制/, ['2100401']]
];

/** The 项 a unit's name says it pays under, or undefined when the name says nothing. */
export function unitFunctions(name: string): readonly string[] | undefined {
	return KINDS.find(([re]) => re.test(name))?.[1];
}

/**
 * The units (codes, with their names in the same order) that pay on a line of `funcCode`: those
 * that fit it; else those whose name claims no 项 of its 类; else all of them.
 */
export function unitsFitting(
	funcCode: string,
	codes: string[],
	names: readonly string[]
): string[] {
	const fits: string[] = [];
	const neutral: string[] = [];
	codes.forEach((code, i) => {
		const kinds = unitFunctions(names[i] ?? '');
		if (kinds?.includes(funcCode)) fits.push(code);
		else if (!kinds || !kinds.some((k) => k.slice(0, 3) === funcCode.slice(0, 3)))
			neutral.push(code);
	});
	return fits.length > 0 ? fits : neutral.length > 0 ? neutral : codes;
}
