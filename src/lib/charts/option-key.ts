/**
 * What a chart option draws, as a string: its JSON with each function by its source. Two options
 * with the same key draw the same chart as long as their functions read nothing the option does not
 * carry itself (a label formatter reading `p.value`, or rows whose figures are also the series'
 * data). Chart.svelte's `merge` mode sets an option again only when its key changed. Pure.
 */
export function optionKey(option: unknown): string {
	return JSON.stringify(option, (_key, value: unknown) =>
		typeof value === 'function' ? `ƒ${String(value)}` : value
	);
}
