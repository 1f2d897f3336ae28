// Under vitest: `$lib/paraglide/messages` as one module instead of paraglide's 1,867 (one per
// message, `npm run i18n`), which every spec that imports the messages had the module runner
// transform and evaluate one by one (~7 s of CPU per run and worker). The same compiled messages,
// bundled by esbuild; they import the runtime as the app does ($lib/paraglide/runtime.js: one
// locale state).
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	renameSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A Vite plugin resolving `$lib/paraglide/messages` to the bundle (made on first use).
 * @returns {import('vite').Plugin}
 */
export function paraglideMessagesBundle(root = process.cwd()) {
	const entry = resolve(root, 'src/lib/paraglide/messages.js');
	/** @type {string | undefined} */
	let bundle;
	const bundled = () => {
		if (bundle) return bundle;
		const { outputFiles } = buildSync({
			entryPoints: [entry],
			bundle: true,
			write: false,
			format: 'esm',
			platform: 'neutral',
			logLevel: 'silent',
			// without paraglide's JSDoc (half the text)
			minifyWhitespace: true,
			charset: 'utf8',
			// the runtime stays a module of its own, imported as the app imports it
			external: ['../runtime.js']
		});
		const text = outputFiles[0].text.replaceAll('"../runtime.js"', '"$lib/paraglide/runtime.js"');
		if (text.includes('../runtime.js'))
			throw new Error('the bundled messages import the runtime in an unknown way');
		// outside node_modules (vitest would load it with node, not through Vite and its $lib alias);
		// named by its contents: the runs side by side and the projects' configs write the same file
		const dir = join(tmpdir(), 'lifecircle-vitest');
		const file = join(
			dir,
			`messages-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.js`
		);
		if (!existsSync(file)) {
			mkdirSync(dir, { recursive: true });
			// bundles of other messages: gone after a day (another checkout's run may use one meanwhile)
			for (const name of readdirSync(dir)) {
				const other = join(dir, name);
				if (Date.now() - statSync(other).mtimeMs > 86_400_000) rmSync(other, { force: true });
			}
			const part = `${file}.${process.pid}`;
			writeFileSync(part, text);
			renameSync(part, file);
		} else {
			// in use: not another run's to remove
			const now = new Date();
			utimesSync(file, now, now);
		}
		bundle = file;
		return file;
	};
	return {
		name: 'paraglide-messages-bundle',
		enforce: 'pre',
		// after Vite's aliases: `$lib/…` arrives as a path in src/lib
		/** @param {string} id */
		resolveId(id) {
			if (id === entry || `${id}.js` === entry) return bundled();
		}
	};
}
