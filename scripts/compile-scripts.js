// Compiles the command-line scripts (TypeScript, importing src/lib with `$lib` aliases) to plain
// JavaScript with esbuild, so that `npm run coverage`, `npm run import:network` and `npm run backup`
// run on node alone, without tsx. npm packages stay imports (resolved from node_modules at run time).
//   node scripts/compile-scripts.js            compile into build/scripts/
//   node scripts/compile-scripts.js --if-stale compile only when a source is newer than the output
// `npm run build` runs it after `vite build` (whose adapter empties build/); the npm scripts above
// run it with --if-stale first, so a missing or old compiled script is rebuilt on use.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;

/** The compiled entry points: build/scripts/<name>.js from scripts/<name>.ts. */
export const scriptEntries = ['coverage-cli', 'coverage-worker', 'import-network', 'backup'];

export const defaultOutDir = join(root, 'build/scripts');

/** @param {string} path the newest modification time under it (0 when it does not exist) */
function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	const sources = readdirSync(path, { recursive: true, encoding: 'utf8' }).filter(
		(name) => !name.startsWith('paraglide') && !name.endsWith('.spec.ts')
	);
	return Math.max(stat.mtimeMs, ...sources.map((name) => statSync(join(path, name)).mtimeMs));
}

/** True when some compiled script is missing or older than src/lib, scripts/*.ts or package.json. */
/** @param {string} [outDir] */
export function scriptsStale(outDir = defaultOutDir) {
	const sources = Math.max(
		newest(join(root, 'src/lib')),
		newest(join(root, 'package.json')),
		newest(join(root, 'scripts/compile-scripts.js')),
		...scriptEntries.map((name) => newest(join(root, 'scripts', `${name}.ts`)))
	);
	return scriptEntries.some((name) => {
		const out = join(outDir, `${name}.js`);
		return !existsSync(out) || statSync(out).mtimeMs < sources;
	});
}

/** Bundles every entry (and what it imports from src/) into outDir; packages stay external. */
/** @param {string} [outDir] */
export async function compileScripts(outDir = defaultOutDir) {
	const { build } = await import('esbuild');
	await build({
		entryPoints: Object.fromEntries(
			scriptEntries.map((name) => [name, join(root, 'scripts', `${name}.ts`)])
		),
		outdir: resolve(outDir),
		bundle: true,
		splitting: true,
		chunkNames: 'chunks/[name]-[hash]',
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		alias: { $lib: join(root, 'src/lib') },
		sourcemap: true,
		logLevel: 'warning'
	});
	return outDir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const ifStale = process.argv.includes('--if-stale');
	if (!ifStale || scriptsStale()) {
		const started = performance.now();
		await compileScripts();
		const ms = Math.round(performance.now() - started);
		console.error(`compiled scripts into ${relative(process.cwd(), defaultOutDir)}/ (${ms} ms)`);
	}
}
