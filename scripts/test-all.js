// `npm test`: every suite — types ∥ lint, the specs (∥ again on a throw-away PostgreSQL), the build
// (∥ the demo city seeded once for the test servers), then the HTTP and browser tests against the
// built server, the HTTP tests on PostgreSQL, and the short durability ∥ fuzzing ∥ load runs. Ends
// with one plain "N passed, N failed" line. Each stage prints its wall time and the CPU seconds it
// used.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBrowserPrerequisites } from './lib/browser-prerequisites.js';
import {
	databaseUrl,
	ensurePostgres,
	freshDatabase,
	startPostgres
} from './postgres-test-server.js';

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
 * (Playwright projects integration-postgres*) against a test server on PostgreSQL. The default is `all`:
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

/**
 * The specs that touch the database: those that import the data layer, its tables or the database
 * fixtures of src/lib/server/testing (not testing/demo.ts: geometry checks of the generated city).
 * Specs that declare themselves about SQLite itself (`@sqlite-only`) or that reach no database on
 * either backend (`@no-database`, with the reason) are left out of the PostgreSQL run.
 */
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
		if (text.includes('@sqlite-only') || text.includes('@no-database')) return false;
		// touches the database: the data layer, its tables or the spec fixtures (a spec of the data
		// layer itself imports them as '.', './index' or './schema'; elsewhere those are its own
		// module's: the demo generator and spreadsheet specs ran twice alike)
		return (
			/openTestDatabase|useTestDatabase|(from |import\()'[^']*\/(db|testing(?!\/demo')[^']*)(\/[^']*)?'/.test(
				text
			) ||
			(path.startsWith('src/lib/server/db/') && /from '\.(\/index|\/schema)?'/.test(text))
		);
	});
}

/**
 * CPU seconds (user + system) of this process's children that have ended: a stage's CPU is the
 * difference across it. Linux only (/proc); elsewhere no CPU figure is printed. The throw-away
 * PostgreSQL cluster's time is counted when it stops, at the end.
 */
function childrenCpuSeconds() {
	try {
		const stat = readFileSync('/proc/self/stat', 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, USER_HZ = 100
	} catch {
		return undefined;
	}
}

/** "12.3 s" and, where known, the CPU seconds its processes used meanwhile (2 cores: up to 2×). */
function took(started, cpuBefore) {
	const wall = `${((Date.now() - started) / 1000).toFixed(1)} s`;
	const cpu = childrenCpuSeconds();
	return cpu === undefined || cpuBefore === undefined
		? wall
		: `${wall} (${(cpu - cpuBefore).toFixed(1)} s CPU)`;
}

/**
 * Runs one job, its output kept together and printed when it ends (or, `live`, as it goes: at most
 * one job at a time may be). Resolves to whether it passed.
 * @param {{ title: string, command: string, args: string[], env?: Record<string, string>, live?: boolean }} job
 */
function runJob({ title, command, args, env: extraEnv = {}, live = false }) {
	return new Promise((resolve) => {
		const started = Date.now();
		if (live) console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
		const child = spawn(command, args, {
			env: { ...env, ...extraEnv },
			stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe']
		});
		const output = [];
		child.stdout?.on('data', (chunk) => output.push(chunk));
		child.stderr?.on('data', (chunk) => output.push(chunk));
		child.on('close', (status) => {
			if (!live) {
				console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
				process.stdout.write(Buffer.concat(output));
			}
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			console.log(`=== ${title}: ${status === 0 ? 'ok' : 'FAILED'} in ${seconds} s`);
			resolve(status === 0);
		});
	});
}

/**
 * Runs groups of work side by side and resolves to their results; prints the CPU seconds the whole
 * lot used (2 cores: up to twice the wall time).
 * @template T
 * @param {string} title
 * @param {Promise<T>[]} work
 * @returns {Promise<T[]>}
 */
async function together(title, work) {
	const started = Date.now();
	const cpu = childrenCpuSeconds();
	const results = await Promise.all(work);
	console.log(`=== ${title}: ${took(started, cpu)}`);
	return results;
}

let passed = 0;
let failed = 0;
const failures = [];
function gate(title, ok) {
	if (!ok) failures.push(title);
}

// svelte-check and eslint each use one core. (Types ∥ lint ∥ the two spec runs in one stage, to fill
// the spec runs' gaps, took 120 s against 105 s one stage after the other: six processes thrashed.)
const [typesOk, lintOk] = await together('types ∥ lint', [
	runJob({ title: 'types', command: 'npm', args: ['run', 'check'] }),
	runJob({ title: 'lint', command: 'npm', args: ['run', 'lint'] })
]);
gate('types', typesOk);
gate('lint', lintOk);

/**
 * The specs (vitest's own output), and (TEST_POSTGRES) those that touch the database again on the
 * throw-away PostgreSQL, side by side: the PostgreSQL run is round trips between its workers and
 * the cluster (each side waits on the other), whose gaps the SQLite run fills.
 */
const vitest = (report) => [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile=tests/output/${report}`
];
rmSync('tests/output/vitest.json', { force: true });
rmSync('tests/output/vitest-postgres.json', { force: true });
const [unitOk, unitOnPostgresOk] = await together('unit ∥ unit on PostgreSQL', [
	runJob({ title: 'unit', command: 'npx', args: vitest('vitest.json'), live: true }),
	postgres
		? runJob({
				title: 'unit on PostgreSQL',
				command: 'npx',
				args: [...vitest('vitest-postgres.json'), ...postgresSpecs()],
				env: { TEST_DATABASE_URL: postgres.url }
			})
		: Promise.resolve(true)
]);
/** Adds a vitest JSON report's counts. */
function countVitest(file) {
	if (!existsSync(file)) return;
	const report = JSON.parse(readFileSync(file, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests;
}
gate('unit', unitOk);
countVitest('tests/output/vitest.json');
if (postgres) {
	gate('unit on PostgreSQL', unitOnPostgresOk);
	countVitest('tests/output/vitest-postgres.json');
}

/**
 * The demo city every test server starts with, seeded once here, beside the build (which leaves most
 * of a core free), instead of by each server on its empty database at its start (~5.5 s on SQLite,
 * ~10 s and more on PostgreSQL, on the critical path of the stages after it): a SQLite file and
 * (TEST_POSTGRES=all) a PostgreSQL database, which tests/start-test-server.js and the fuzzing run
 * copy, and postgres-test-server.js --fresh makes the HTTP tests' database from. Seeded as a
 * server's start-up seeds an empty database (tests/support/seed-database.ts), by a bundle of it made
 * before the build starts (bundleSeeding()): the build empties and writes again the messages the
 * seed imports. When seeding fails, the servers seed as before (and say why if they fail too).
 * @param {string | undefined} bundle
 * @returns {Promise<{ sqlite?: string, postgres?: string }>}
 */
async function seedForTestServers(bundle) {
	/** @type {{ sqlite?: string, postgres?: string }} */
	const seeded = {};
	if (!bundle) return seeded;
	const seed = (title, url) =>
		runJob({ title, command: process.execPath, args: [bundle], env: { DATABASE_URL: url } });
	const file = `tests/output/seeded-${process.pid}.db`;
	if (await seed('seeding (SQLite)', file)) seeded.sqlite = file;
	if (!postgres || postgresRuns !== 'all') return seeded;
	const url = databaseUrl(postgres.url, 'lifecircle_seeded');
	try {
		await freshDatabase(url);
	} catch (error) {
		console.log(`\n=== seeding (PostgreSQL): no database (${error}); its server seeds`);
		return seeded;
	}
	if (await seed('seeding (PostgreSQL)', url)) seeded.postgres = url;
	return seeded;
}

/** tests/support/seed-database.ts as one file (its imports inlined); undefined when not wanted or failed. */
function bundleSeeding() {
	if (process.env.SEED_DEMO === 'false') return undefined;
	const bundle = 'tests/output/seed-database.mjs';
	const bundled = spawnSync(
		'npx',
		[
			'esbuild',
			'tests/support/seed-database.ts',
			'--bundle',
			'--platform=node',
			'--format=esm',
			'--packages=external',
			'--alias:$lib=./src/lib',
			'--log-level=warning',
			`--outfile=${bundle}`
		],
		{ stdio: 'inherit' }
	);
	return bundled.status === 0 ? bundle : undefined;
}

// The build compiles the messages again (src/lib/paraglide is emptied and written anew), which the
// specs and svelte-check import: after them. Beside it, the demo city for the test servers, from a
// bundle made before the build starts.
const seeding = bundleSeeding();
const [built, seeded] = await together('build ∥ seeding', [
	runJob({
		title: 'build',
		command: 'npx',
		args: ['vite', 'build', '--logLevel', 'warn'],
		live: true
	}),
	seedForTestServers(seeding)
]);
gate('build', built);
if (built) {
	/*
	 * One after the other: the HTTP and browser tests on SQLite (two workers), then (TEST_POSTGRES=all)
	 * the HTTP tests again on PostgreSQL, in an invocation of its own (its test server and its tests
	 * use the PostgreSQL database throughout), then the short durability ∥ fuzzing ∥ load runs (README
	 * "Reliability"; their own servers, database files and builds). The Playwright runs side by side
	 * took longer on two cores (every one of them is CPU-bound: 434 s against about 390 s in turn)
	 * and made the browser tests' waits time out. Each Playwright run has a port of its own. The three
	 * scripts count as one test each; the load figures are printed, never judged here (the machine is
	 * shared, and the load run shares it with the other two); errors, 5xx and overbooking fail.
	 */
	const sqlitePort = 4200 + (process.pid % 350) * 2;
	const onPostgresToo = postgres && postgresRuns === 'all';
	rmSync('tests/output/playwright.json', { force: true });
	rmSync('tests/output/playwright-postgres.json', { force: true });
	// durability's servers book with another person limit; the seeded history is within it too. The
	// short load run checks errors, 5xx and overbooking under 50 connections; its figures are printed,
	// never judged (the figures are the long run's), so it runs beside the other two
	const scripts = [
		['durability (short)', 'tests/reliability/durability.ts', seededEnv(seeded.sqlite)],
		['fuzz (short)', 'tests/reliability/fuzz.ts', seededEnv(seeded.sqlite)],
		['load (short)', 'tests/load/load.ts', seededEnv(seeded.sqlite)]
	];
	const httpOk = await runJob({
		title: 'http and browser',
		command: 'npx',
		args: ['playwright', 'test'],
		env: { TEST_PORT: String(sqlitePort), ...seededEnv(seeded.sqlite) },
		live: true
	});
	const httpOnPostgresOk = onPostgresToo
		? await runJob({
				title: 'http on PostgreSQL',
				command: 'npx',
				args: ['playwright', 'test'],
				env: {
					TEST_PORT: String(sqlitePort + 1),
					TEST_DATABASE_URL: databaseUrl(postgres.url, 'lifecircle_e2e'),
					...seededEnv(seeded.postgres)
				}
			})
		: true;
	const scriptsOk = await together(
		'durability ∥ fuzz ∥ load',
		scripts.map(([title, script, extraEnv]) =>
			runJob({ title, command: 'npx', args: ['tsx', script, '--short'], env: extraEnv })
		)
	);
	gate('http and browser', httpOk);
	countPlaywright('tests/output/playwright.json');
	if (onPostgresToo) {
		gate('http on PostgreSQL', httpOnPostgresOk);
		countPlaywright('tests/output/playwright-postgres.json');
	}
	const results = scripts.map(([title], i) => [title, scriptsOk[i]]);
	for (const [title, ok] of results) {
		gate(title, ok);
		if (ok) passed++;
		else failed++;
	}
}

await postgres?.stop();
if (seeded.sqlite) rmSync(seeded.sqlite, { force: true });

/** TEST_SEEDED_DATABASE for a test server's start, when the demo city was seeded for it. */
function seededEnv(database) {
	return database ? { TEST_SEEDED_DATABASE: database } : {};
}

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
