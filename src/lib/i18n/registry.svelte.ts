// The strings the translator knows, per language: both on the server, the page's own language in
// the browser. Reactive, so text rendered before its language arrived is redrawn when it does.
export type Messages = Record<string, string>;

let registry = $state.raw<Partial<Record<'zh' | 'en', Messages>>>({});

export function useMessages(locale: 'zh' | 'en', messages: Messages): void {
	if (registry[locale] !== messages) registry = { ...registry, [locale]: messages };
}

export function messagesOf(locale: 'zh' | 'en'): Messages | undefined {
	return registry[locale];
}
