import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Cross-site form posts are refused (the check stays on; no origin is trusted besides our own).
		csrf: { trustedOrigins: [] },
		// Open tabs learn of a new deployment: polled every 5 minutes, and wall displays also check
		// whenever their live socket connects again (a deployment restarts the server), then reload.
		version: { pollInterval: 300_000 },
		// SvelteKit adds a nonce for its own inline script. Scripts only from this origin; style
		// attributes are allowed (Svelte's style: directive, ECharts' tooltip), style elements are not.
		// See docs/security.md.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'worker-src': ['none']
			}
		}
	}
};

export default config;
