import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = fileURLToPath(new URL('./.gitignore', import.meta.url));

// Layers (DESIGN.md): the domain is pure and runs in the browser too; db/ is schema, migrations and
// the client; the ingest worker (server/ingest/) talks to the app only over the network. The import
// patterns below name layers, not files, and match relative paths from any depth ('../../db/client').
const databaseLayer = {
	group: ['**/db', '**/db/**'],
	message: 'db/ (schema, migrations, the client) is reached only from server-side code.'
};
const serverCode = {
	// src/lib/server by alias or by relative path, and the Node server in server/.
	group: ['$lib/server', '$lib/server/**', '**/server', '**/server/**'],
	message: 'Server code (src/lib/server, server/) uses the database and the network.'
};
const routes = {
	group: ['**/routes', '**/routes/**'],
	message: 'src/routes is the web layer; put shared code in src/lib.'
};
const sveltekitRuntime = {
	group: ['$app/*', '$env/*', '$service-worker'],
	message: 'SvelteKit runtime modules belong in routes, components and src/lib/server.'
};
const noNodeBuiltins = 'The domain does no I/O and is bundled for the browser: no Node built-ins.';
const nodeBuiltinPrefix = { group: ['node:*'], message: noNodeBuiltins };
// Bare names ('fs', 'events') are listed as exact paths: as group globs they would also match
// relative imports such as '../live/events'.
const nodeBuiltinNames = builtinModules.map((name) => ({ name, message: noNodeBuiltins }));

/**
 * Flags `import('…')` whose literal path matches `pattern`, since no-restricted-imports sees static
 * imports only. The selector's regex cannot hold a '/', so the pattern spells it `\x2F`.
 */
function noDynamicImport(pattern, message) {
	return {
		selector: `ImportExpression[source.value=/${pattern}/]`,
		message: `${message} (dynamic import)`
	};
}

// Source files that may be long: the message catalogues.
const dataTables = ['src/lib/i18n/messages/**'];

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node }
		},
		rules: {
			// typescript-eslint strongly recommend that you do not use the no-undef lint rule on TypeScript projects.
			// see: https://typescript-eslint.io/troubleshooting/faqs/eslint/#i-get-errors-from-the-no-undef-rule-about-global-variables-not-being-defined-even-though-there-are-no-typescript-errors
			'no-undef': 'off',
			// `const { key: _key, ...rest } = row` is how a field is left out of a copy.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
			// Off: resolve() prefixes `paths.base`, and the app is served at the root (svelte.config.js
			// sets no base). Its links are built by the pure helpers in src/lib/domain (period-link's
			// href), which may not import $app/paths; and the rule's verdict on a computed href depends
			// on type information, so it flags different links with and without .svelte-kit/.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// typescript-eslint turns prefer-const on for TypeScript files (not for .svelte, where
		// `let { … } = $props()` is the idiom).
		files: ['**/*.ts', '**/*.mts', '**/*.cts'],
		rules: {
			'prefer-const': [
				'error',
				{
					// `let [rows, other] = …` where only `rows` is reloaded later stays one declaration.
					destructuring: 'all',
					// A `let` read in a callback before its one assignment (server/index.ts binds the
					// SvelteKit handler late) cannot be a const without a temporal-dead-zone error.
					ignoreReadBeforeAssign: true
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},

	// Import boundaries.
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: nodeBuiltinNames,
					patterns: [databaseLayer, serverCode, routes, sveltekitRuntime, nodeBuiltinPrefix]
				}
			],
			'no-restricted-syntax': [
				'error',
				noDynamicImport(
					String.raw`(^|\x2F)(db|server|routes)(\x2F|$)|^\$app\x2F|^node:`,
					'The domain is pure'
				)
			]
		}
	},
	{
		files: ['db/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/src', '**/src/**', '$lib', '$lib/**', '**/server', '**/server/**'],
							message: 'db/ imports neither src/ nor server/: they depend on it, not the reverse.'
						},
						sveltekitRuntime
					]
				}
			],
			'no-restricted-syntax': [
				'error',
				noDynamicImport(
					String.raw`(^|\x2F)(src|server)(\x2F|$)|^\$`,
					'db/ imports neither src/ nor server/'
				)
			]
		}
	},
	{
		// The ingest worker; the server-side door it posts to is src/lib/server/ingest.
		files: ['server/ingest/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							...databaseLayer,
							message: 'The ingest worker talks to the app over the network and never imports db/.'
						},
						{
							group: ['$lib/server', '$lib/server/**', '**/lib/server', '**/lib/server/**'],
							message: 'The ingest worker must not import src/lib/server: it reaches the database.'
						},
						{
							// server/*.ts (boot, realtime, …) from the worker's folder. A regex: the glob
							// '../*' would also match '../..' and so every path above it.
							regex: String.raw`^\.\./[^/]+$`,
							message: 'server/*.ts boots the app and its database; the worker stands apart.'
						},
						routes,
						sveltekitRuntime
					]
				}
			],
			'no-restricted-syntax': [
				'error',
				noDynamicImport(
					String.raw`(^|\x2F)(db|lib\x2Fserver)(\x2F|$)|^\$lib\x2Fserver|^\.\.\x2F[^\x2F]+$`,
					'The worker never imports db/ or src/lib/server'
				)
			]
		}
	},

	// Sizes (issue 16): no source file over 400 lines, counted as `wc -l` does.
	{
		files: ['**/*.{js,mjs,cjs,ts,mts,cts,svelte}'],
		ignores: dataTables,
		rules: {
			'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }]
		}
	},
	// No function over 80 lines in server-side code. Specs are exempt: a describe block is a list of
	// cases, not a function a reader has to hold in mind.
	{
		files: ['src/lib/server/**', 'server/**'],
		ignores: ['**/*.spec.ts'],
		rules: {
			'max-lines-per-function': [
				'error',
				{ max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }
			]
		}
	}
);
