// Static checks of the hardening that must not quietly disappear.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../../svelte.config.js';

const SRC = new URL('../../../', import.meta.url).pathname;

function files(dir: string, ext: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? files(join(dir, e.name), ext)
			: e.name.endsWith(ext)
				? [join(dir, e.name)]
				: []
	);
}

describe('hardening', () => {
	it('renders no text as HTML anywhere: no {@html} in any component', () => {
		const offenders = files(SRC, '.svelte').filter((f) =>
			readFileSync(f, 'utf8').includes('{@html')
		);
		expect(offenders).toEqual([]);
	});

	it('keeps SvelteKit’s cross-site form check on and trusts no other origin', () => {
		const csrf = (config.kit as { csrf?: { checkOrigin?: boolean; trustedOrigins?: string[] } })
			.csrf;
		expect(csrf?.checkOrigin).not.toBe(false);
		expect(csrf?.trustedOrigins ?? []).toEqual([]);
	});

	it('has a Content Security Policy that allows scripts only from this origin', () => {
		const csp =
			(config.kit as { csp?: { directives?: Record<string, string[]> } }).csp?.directives ?? {};
		expect(csp['script-src']).toEqual(['self']);
		expect(csp['default-src']).toEqual(['self']);
		expect(csp['object-src']).toEqual(['none']);
		expect(csp['frame-ancestors']).toEqual(['none']);
		expect(csp['style-src']).not.toContain('unsafe-inline');
		expect(Object.values(csp).flat()).not.toContain('unsafe-eval');
	});
});
