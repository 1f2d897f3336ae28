// `npm test`: every suite in order — types, lint, unit, build, then HTTP and browser tests
// against the built server; the data-layer specs (and, with TEST_POSTGRES=all, the HTTP integration
// tests) again on a throw-away PostgreSQL. Ends with one plain "N passed, N failed" line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBrowserPrerequisites } from './lib/browser-prerequisites.js';
import { databaseUrl, ensurePostgres, startPostgres } from './postgres-test-server.js';

process.chdir(new URL('..', import.meta.url).pathname);
mkdirSync('tests/output', { recursive: true });
// the browser tests' pictures are for people walking through the pages (npx playwright test, or
// SCREENSHOTS=on npm test): a whole run does not take them
const env = {
	...process.env,
	CI: process.env.CI ?? 'true',
	SCREENSHOTS: process.env.SCREENSHOTS ?? 'off'
};

// A fresh machine: the browser tests need Debian's Chromium and the CJK fonts. As root they are
// installed here; otherwise stop before anything runs, with the command to run.
if (!ensureBrowserPrerequisites()) process.exit(1);

/**
 * What runs on PostgreSQL as well (TEST_POSTGRES): `off` nothing; `db` the specs of src/lib/server/db;
 * `all` every spec of src/lib/server that touches the database, and the HTTP integration tests
 * (Playwright project integration-postgres) against a test server on PostgreSQL. The default is `all`:
 * the same features and invariants hold on both backends.
 */
const postgresRuns = process.env.TEST_POSTGRES ?? 'all';
if (!['off', 'db', 'all'].includes(postgresRuns)) {
	console.error(`TEST_POSTGRES must be off, db or all, not "${postgresRuns}"`);
	process.exit(2);
}
// a throw-away cluster (installed from Debian when missing, as Chromium is), removed at the end
if (postgresRuns !== 'off' && !ensurePostgres()) process.exit(1);
const postgres = postgresRuns === 'off' ? undefined : await startPostgres();

/** Specs that declare themselves about SQLite itself (`@sqlite-only`) are left out of the PostgreSQL run. */
function postgresSpecs() {
	const found = [];
	const walk = (dir) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (/\.spec\.ts$/.test(name)) found.push(path);
		}
	};
	walk(postgresRuns === 'all' ? 'src/lib/server' : 'src/lib/server/db');
	return found.sort().filter((path) => {
		const text = readFileSync(path, 'utf8');
		if (text.includes('@sqlite-only')) return false;
		// touches the database: the data layer, its tables or the spec fixtures
		return /openTestDatabase|useTestDatabase|(from |import\()'[^']*\/(db|testing)(\/[^']*)?'|from '\.(\/index|\/schema)?'/.test(
			text
		);
	});
}

function run(title, command, args, extraEnv = {}) {
	console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
	const started = Date.now();
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
	console.log(
		`=== ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`
	);
	return result.status === 0;
}

/**
 * Runs single-threaded checks side by side (svelte-check and eslint each use one core), each one's
 * output kept together and printed when it ends. Resolves to whether each passed.
 */
function runTogether(jobs) {
	return Promise.all(
		jobs.map(
			([title, command, args]) =>
				new Promise((resolve) => {
					const started = Date.now();
					const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
					const output = [];
					child.stdout.on('data', (chunk) => output.push(chunk));
					child.stderr.on('data', (chunk) => output.push(chunk));
					child.on('close', (status) => {
						console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
						process.stdout.write(Buffer.concat(output));
						const seconds = ((Date.now() - started) / 1000).toFixed(1);
						console.log(`=== ${title}: ${status === 0 ? 'ok' : 'FAILED'} in ${seconds} s`);
						resolve(status === 0);
					});
				})
		)
	);
}

let passed = 0;
let failed = 0;
const failures = [];
function gate(title, ok) {
	if (!ok) failures.push(title);
}

const [typesOk, lintOk] = await runTogether([
	['types', 'npm', ['run', 'check']],
	['lint', 'npm', ['run', 'lint']]
]);
gate('types', typesOk);
gate('lint', lintOk);

rmSync('tests/output/vitest.json', { force: true });
gate(
	'unit',
	run('unit', 'npx', [
		'vitest',
		'run',
		'--reporter=default',
		'--reporter=json',
		'--outputFile=tests/output/vitest.json'
	])
);
/** Adds a vitest JSON report's counts. */
function countVitest(file) {
	if (!existsSync(file)) return;
	const report = JSON.parse(readFileSync(file, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests;
}
countVitest('tests/output/vitest.json');

if (postgres) {
	const specs = postgresSpecs();
	rmSync('tests/output/vitest-postgres.json', { force: true });
	gate(
		'unit on PostgreSQL',
		run(
			'unit on PostgreSQL',
			'npx',
			[
				'vitest',
				'run',
				'--reporter=default',
				'--reporter=json',
				'--outputFile=tests/output/vitest-postgres.json',
				...specs
			],
			{ TEST_DATABASE_URL: postgres.url }
		)
	);
	countVitest('tests/output/vitest-postgres.json');
}

const built = run('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
gate('build', built);
if (built) {
	rmSync('tests/output/playwright.json', { force: true });
	gate('http and browser', run('http and browser', 'npx', ['playwright', 'test']));
	countPlaywright('tests/output/playwright.json');
	if (postgres && postgresRuns === 'all') {
		// its own invocation: its test server and its tests use the PostgreSQL database throughout
		rmSync('tests/output/playwright-postgres.json', { force: true });
		gate(
			'http on PostgreSQL',
			run('http on PostgreSQL', 'npx', ['playwright', 'test'], {
				TEST_DATABASE_URL: databaseUrl(postgres.url, 'lifecircle_e2e')
			})
		);
		countPlaywright('tests/output/playwright-postgres.json');
	}
	// Short versions of the reliability and load scripts (README "Reliability"): each counts as one
	// test. The load figures are printed, never judged here (the machine is shared); errors, 5xx and
	// overbooking fail it. Durability and fuzzing each use their own servers and database files, so
	// they run side by side; the load run measures, so it runs alone.
	const scripts = [
		['durability (short)', 'tests/reliability/durability.ts'],
		['fuzz (short)', 'tests/reliability/fuzz.ts']
	];
	const together = await runTogether(
		scripts.map(([title, script]) => [title, 'npx', ['tsx', script, '--short']])
	);
	const results = [
		...scripts.map(([title], i) => [title, together[i]]),
		['load (short)', run('load (short)', 'npx', ['tsx', 'tests/load/load.ts', '--short'])]
	];
	for (const [title, ok] of results) {
		gate(title, ok);
		if (ok) passed++;
		else failed++;
	}
}

await postgres?.stop();

/** Adds a Playwright JSON report's counts. */
function countPlaywright(file) {
	if (!existsSync(file)) return;
	const { stats } = JSON.parse(readFileSync(file, 'utf8'));
	passed += stats.expected + stats.flaky;
	failed += stats.unexpected;
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
if (failures.length > 0 && failed === 0) failed = failures.length;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 ? 1 : 0);
