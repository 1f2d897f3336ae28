/**
 * The coverage CLI as a whole process (`npm run coverage`: compiled JavaScript reading GeoJSON files,
 * writing the CSV) against the plain single-file implementation (plain-coverage.mjs), same inputs,
 * run back to back: wall time and peak RSS of each process (its own getrusage maximum, threads
 * included, reported at exit by peak-rss.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compileScripts } from '../compile-scripts.js';
import { writeCityFiles } from './city-files';
import { record } from './harness';

const root = new URL('../../', import.meta.url).pathname;
const peakRssModule = join(root, 'scripts/bench/peak-rss.mjs');

interface ProcessRun {
	seconds: number;
	peakMb: number;
}

/** One process: wall seconds and peak RSS (MB); throws with its stderr when it fails. */
function runProcess(args: string[]): ProcessRun {
	const rssFile = join(root, 'tests/output', `peak-rss-${process.pid}.txt`);
	rmSync(rssFile, { force: true });
	const started = performance.now();
	const result = spawnSync(process.execPath, ['--import', peakRssModule, ...args], {
		cwd: root,
		env: { ...process.env, PEAK_RSS_FILE: rssFile },
		encoding: 'utf8',
		maxBuffer: 1 << 26
	});
	const seconds = (performance.now() - started) / 1000;
	if (result.status !== 0) throw new Error(`${args[0]} failed: ${result.stderr}`);
	const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
	rmSync(rssFile, { force: true });
	return { seconds, peakMb };
}

function median(runs: ProcessRun[]): ProcessRun {
	const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
	return { seconds: middle(runs.map((r) => r.seconds)), peakMb: middle(runs.map((r) => r.peakMb)) };
}

/**
 * Writes the city's files (once: deterministic) and times plain, the CLI on one thread and the CLI
 * with its default threads, `repeat` times interleaved; records the medians.
 */
export async function benchmarkCliProcess(
	city: number | 'province',
	repeat: number
): Promise<void> {
	const directory = join(root, 'tests/output', `bench-city-${city}`);
	const files = ['roads', 'services', 'residences'].map((kind) =>
		join(directory, `${kind}.geojson`)
	);
	let described = '';
	if (!files.every((file) => existsSync(file))) {
		const counts = writeCityFiles(city, directory);
		described = `${counts.residences} residences, ${counts.services} services, ${counts.lines} lines`;
	}
	const compiled = join(root, 'tests/output', 'bench-scripts');
	await compileScripts(compiled);
	const cli = (threads: string) => [
		join(compiled, 'coverage-cli.js'),
		'--roads',
		files[0],
		'--services',
		files[1],
		'--residences',
		files[2],
		...(threads ? ['--threads', threads] : []),
		'--out',
		join(directory, `cli-${threads || 'default'}.csv`)
	];
	const plainArgs = [
		join(root, 'scripts/bench/plain-coverage.mjs'),
		...files,
		'1.2',
		'15',
		join(directory, 'plain.csv')
	];
	const runs: Record<'plain' | 'one' | 'default', ProcessRun[]> = {
		plain: [],
		one: [],
		default: []
	};
	for (let i = 0; i < repeat; i++) {
		runs.plain.push(runProcess(plainArgs));
		runs.one.push(runProcess(cli('1')));
		runs.default.push(runProcess(cli('')));
	}
	const plain = median(runs.plain);
	const of = `median of ${repeat}, run interleaved`;
	record(
		'plain implementation (whole process)',
		`${plain.seconds.toFixed(2)} s, ${plain.peakMb.toFixed(0)} MB`,
		'',
		`plain-coverage.mjs; ${of}${described ? `; ${described}` : ''}`
	);
	for (const [name, key] of [
		['coverage CLI, 1 thread', 'one'],
		['coverage CLI, default threads', 'default']
	] as const) {
		const run = median(runs[key]);
		record(
			`${name} (whole process)`,
			`${run.seconds.toFixed(2)} s, ${run.peakMb.toFixed(0)} MB`,
			city === 'province' ? '≤ 1.2× plain, ≤ 1.5 GB' : '≤ 1.2× plain',
			`${(run.seconds / plain.seconds).toFixed(2)}× plain's time, ${(run.peakMb / plain.peakMb).toFixed(2)}× its memory; ${of}`
		);
	}
}
