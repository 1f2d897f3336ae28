// `npm start`: build when the sources are newer than the build, then serve the portal with WORKERS
// processes (scripts/cluster.js) sharing the port and the SQLite file. Migrations and (on an empty
// database) the demo city run inside the first server process at start-up.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serveCluster, workerCount } from './cluster.js';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

const port = process.env.PORT || '3000';
const env = {
	...process.env,
	PORT: port,
	ORIGIN: process.env.ORIGIN || `http://localhost:${port}`,
	// adapter-node refuses larger request bodies with 413 (its own default is 512K); every form and
	// JSON request of the portal is a few kilobytes, so a quarter of a megabyte is generous
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '256K',
	DATABASE_URL: process.env.DATABASE_URL || './data/lifecircle.db'
};

const sources = [
	'src',
	'static',
	'messages',
	'drizzle',
	'project.inlang/settings.json',
	'package.json',
	'svelte.config.js',
	'vite.config.ts'
];

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = stat.mtimeMs;
	for (const entry of readdirSync(path)) {
		if (path === 'src' && entry === 'lib') {
			latest = Math.max(
				latest,
				...readdirSync('src/lib')
					.filter((e) => e !== 'paraglide')
					.map((e) => newest(join('src/lib', e)))
			);
			continue;
		}
		latest = Math.max(latest, newest(join(path, entry)));
	}
	return latest;
}

// BUILD_DIR runs a copy of the build (tests do, so a rebuild cannot pull files from under them).
const buildDir = process.env.BUILD_DIR || 'build';
const buildEntry = 'build/index.js';
const built = existsSync(buildEntry) ? statSync(buildEntry).mtimeMs : 0;
if (!process.env.BUILD_DIR && (built === 0 || Math.max(...sources.map(newest)) > built)) {
	console.log('Building Lifecircle (sources changed since the last build)…');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
		stdio: 'inherit',
		env
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv.includes('--build-only')) process.exit(0);

/** The database URL without its password (a postgres:// URL may carry one): for the console. */
function shownUrl(url) {
	if (!/^postgres(ql)?:\/\//.test(url)) return url;
	const parsed = new URL(url);
	if (parsed.password) parsed.password = '****';
	return parsed.toString();
}

const workers = workerCount(process.env.WORKERS);
console.log(
	`Lifecircle starting on ${env.ORIGIN} (database ${shownUrl(env.DATABASE_URL)}, ${workers} ${workers === 1 ? 'process' : 'processes'})`
);
if (workers > 1) {
	serveCluster({ entry: join(buildDir, 'index.js'), workers, env });
} else {
	// one process, as before WORKERS: the server itself, its exit is this script's exit
	const server = spawn(process.execPath, [join(buildDir, 'index.js')], { stdio: 'inherit', env });
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
		process.on(signal, () => server.kill(signal));
	server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
