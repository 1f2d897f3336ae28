// `npm test`: every suite in order — types, lint, unit, build, then HTTP and browser tests
// against the built server. Ends with one plain "N passed, N failed" line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBrowserPrerequisites } from './lib/browser-prerequisites.js';

process.chdir(new URL('..', import.meta.url).pathname);
mkdirSync('tests/output', { recursive: true });
const env = { ...process.env, CI: process.env.CI ?? 'true' };

// A fresh machine: the browser tests need Debian's Chromium and the CJK fonts. As root they are
// installed here; otherwise stop before anything runs, with the command to run.
if (!ensureBrowserPrerequisites()) process.exit(1);

function run(title, command, args) {
	console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
	const started = Date.now();
	const result = spawnSync(command, args, { stdio: 'inherit', env });
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
if (existsSync('tests/output/vitest.json')) {
	const report = JSON.parse(readFileSync('tests/output/vitest.json', 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests;
}

const built = run('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
gate('build', built);
if (built) {
	rmSync('tests/output/playwright.json', { force: true });
	gate('http and browser', run('http and browser', 'npx', ['playwright', 'test']));
	if (existsSync('tests/output/playwright.json')) {
		const { stats } = JSON.parse(readFileSync('tests/output/playwright.json', 'utf8'));
		passed += stats.expected + stats.flaky;
		failed += stats.unexpected;
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

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
if (failures.length > 0 && failed === 0) failed = failures.length;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 ? 1 : 0);
