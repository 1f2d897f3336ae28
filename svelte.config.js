import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Runes everywhere in our code; libraries decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter({ precompress: true }),
		// SvelteKit's own refusal of cross-site forms answered in English before any hook: the same
		// check runs in the visitor's language in src/lib/server/refusal/cross-site.ts instead
		csrf: { trustedOrigins: ['*'] },
		csp: {
			// hashes, not a nonce per response: a page kept by the page cache (server/page-cache) is sent
			// to many visitors, and a nonce must never be reused
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// 'wasm-unsafe-eval' compiles WebAssembly only (the QR polyfill at the staff desk), no JS eval
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:', 'https:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			config: (config) => {
				config.include.push('../drizzle.config.ts', '../scripts/**/*.ts', '../tests/**/*.ts');
				// test runs copy the build there; it is output, not source
				config.exclude.push('../tests/output/**');
			}
		}
	}
};

export default config;
