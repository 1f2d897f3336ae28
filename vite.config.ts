import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { paraglideOptions } from './paraglide.config.js';
import { threadSources } from './src/lib/server/threads/source-plugin.ts';
import { paraglideMessagesBundle } from './scripts/lib/paraglide-messages-bundle.js';

export default defineConfig({
	plugins: [
		sveltekit(),
		// `import source from './x?thread'`: a worker_threads entry bundled as a string (server only)
		threadSources(),
		// Under vitest the messages come from `npm run i18n` (the plugin's watcher would keep vitest
		// alive), bundled into one module (scripts/lib/paraglide-messages-bundle.js).
		process.env.VITEST
			? paraglideMessagesBundle()
			: paraglideVitePlugin({ ...paraglideOptions, strategy: [...paraglideOptions.strategy] })
	],
	test: {
		expect: { requireAssertions: true },
		// every core: vitest's default leaves one free, which on a 2-core machine is one worker
		maxWorkers: availableParallelism(),
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'server',
					environment: 'node',
					include: ['src/**/*.{test,spec}.{js,ts}', 'scripts/**/*.spec.ts'],
					exclude: ['src/**/*.svelte.{test,spec}.{js,ts}'],
					testTimeout: 30_000,
					// names the run: its worker processes share the demo city one of them seeded
					globalSetup: ['src/lib/server/testing/global-setup.ts'],
					// The spec files share a worker's modules instead of loading the server's module graph
					// afresh for each (import time 105 s → 22 s, the whole run 102 s → 69 s on 2 cores):
					// every spec sets up what it uses (its own database through the fixtures, useDatabase()),
					// none relies on a module being new.
					isolate: false
				}
			}
		]
	}
});
