/**
 * `import source from './x-worker.ts?thread'`: the module bundled into one CommonJS script (with
 * esbuild), as a string, for `startThread` (index.ts) to run in a worker_threads worker. SvelteKit
 * has no way to emit a separate worker entry into adapter-node's output (kit#10113), so the worker's
 * code travels inside the server bundle as a string: the same in `vite dev`, vitest and `build/`.
 * The database drivers (better-sqlite3, a native addon, and pg) stay outside the bundle and are
 * required from the project's node_modules, like every other dependency of the built server.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const suffix = '?thread';
const libDir = fileURLToPath(new URL('../..', import.meta.url));

/** The bundled script of a worker entry (a TypeScript file that may import $lib/…). */
export async function bundleThread(entry: string): Promise<{ code: string; files: string[] }> {
	const result = await build({
		entryPoints: [entry],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		write: false,
		metafile: true,
		logLevel: 'silent',
		// the database drivers load from node_modules (a native addon; pg's optional native half)
		external: ['better-sqlite3', 'pg'],
		alias: { $lib: libDir.replace(/\/$/, '') },
		legalComments: 'none'
	});
	return {
		code: result.outputFiles[0].text,
		files: Object.keys(result.metafile.inputs)
	};
}

export function threadSources(): Plugin {
	return {
		name: 'lifecircle:thread-sources',
		enforce: 'pre',
		async resolveId(id, importer) {
			if (!id.endsWith(suffix)) return null;
			const resolved = await this.resolve(id.slice(0, -suffix.length), importer, {
				skipSelf: true
			});
			return resolved ? `\0${resolved.id}${suffix}` : null;
		},
		async load(id) {
			if (!id.startsWith('\0') || !id.endsWith(suffix)) return null;
			const entry = id.slice(1, -suffix.length);
			const { code, files } = await bundleThread(entry);
			// a change to any file of the worker re-bundles it in dev and in vitest's watch mode
			for (const file of files) this.addWatchFile(file);
			return `export default ${JSON.stringify(code)};`;
		}
	};
}
