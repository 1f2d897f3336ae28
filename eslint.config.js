import prettier from 'eslint-config-prettier';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = fileURLToPath(new URL('./.gitignore', import.meta.url));

// Module boundaries (docs/architecture.md): routes never reach the database layer (not even its
// types), and $lib/geo and the shared components import nothing from the server.
const serverDb = {
	regex: String.raw`^(\$lib/server/db|(\.\./)+(lib/)?server/db)(/.*)?$`,
	message:
		'Routes call verbs with locals.db; they never import the database layer (docs/architecture.md).'
};
const anyServer = (who) => ({
	regex: String.raw`^(\$lib/server|(\.\./)+(lib/)?server)(/.*)?$`,
	message: `${who} imports nothing from $lib/server (docs/architecture.md).`
});
const boundaries = [
	{ files: ['src/routes/**/*.{ts,js,svelte}'], patterns: [serverDb] },
	{ files: ['src/lib/geo/**/*.{ts,js}'], patterns: [anyServer('$lib/geo is pure: it')] },
	{ files: ['src/lib/components/**/*.{ts,js,svelte}'], patterns: [anyServer('A shared component')] }
].map(({ files, patterns }) => ({
	files,
	rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] }
}));

export default ts.config(
	includeIgnoreFile(gitignorePath),
	{ ignores: ['src/lib/paraglide/', 'drizzle/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'svelte/button-has-type': 'error',
			// The portal is served at the root (no `paths.base`), so plain hrefs are already resolved.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			// No projectService: no rule in use needs a type-checked program (svelte/no-unused-props
			// still reports without one), and building it for every .svelte file took 95 s of a 143 s run.
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	...boundaries
);
