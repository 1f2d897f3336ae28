/**
 * `npx tsx tests/load/stall.ts [--baseline BUILD_DIR]`: does one greedy client stall everyone
 * (issue 14, finding 3)? 20 concurrent clients ask for a costly public answer as fast as they can
 * for a few seconds while /healthz is sampled every 50 ms; reports the /healthz latency (p50, max)
 * beside a quiet sample, and what the greedy clients got (answers, 429s). Scenarios:
 *   - residences: 20 clients repeating /api/residences.geojson (one address)
 *   - homes: 20 clients opening /map?home=r:N with a different home each time (one address)
 *   - homes, 20 addresses: the same from 127.0.0.10–29, one client each (a budget per address
 *     does not stop many addresses; see README)
 * Bounded: loopback only, 6 s per scenario, at most 3,000 requests per client. With --baseline, the
 * same runs against another build (e.g. one made from the commit before the budget) first.
 * This build runs twice: with a budget too large to matter (caching alone), then with the default.
 */
import { Agent, request } from 'node:http';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openTestDatabase } from '../support/booking-db';
import { outputDir, privateBuild, removeDatabase, startServer } from '../support/server';

const seconds = Number(process.env.STALL_SECONDS) || 6;
const clients = 20;
const maxPerClient = 3000;
const baselineIndex = process.argv.indexOf('--baseline');
const baseline = baselineIndex > 0 ? process.argv[baselineIndex + 1] : undefined;

interface Timed {
	status: number;
	ms: number;
}

function get(agent: Agent, origin: string, path: string): Promise<Timed> {
	const { hostname, port } = new URL(origin);
	const started = performance.now();
	return new Promise((resolve) => {
		const outgoing = request(
			{ host: hostname, port, path, agent, headers: { 'accept-encoding': 'gzip' } },
			(response) => {
				response.resume();
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, ms: performance.now() - started })
				);
			}
		);
		outgoing.setTimeout(30_000, () => outgoing.destroy());
		outgoing.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
		outgoing.end();
	});
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

async function sampleHealth(origin: string, until: () => boolean): Promise<number[]> {
	const agent = new Agent({ keepAlive: true, localAddress: '127.0.0.250' });
	const samples: number[] = [];
	while (!until()) {
		samples.push((await get(agent, origin, '/healthz')).ms);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	agent.destroy();
	return samples;
}

interface Scenario {
	name: string;
	path: (client: number, i: number) => string;
	address: (client: number) => string;
}

async function run(origin: string, scenario: Scenario) {
	const ends = Date.now() + seconds * 1000;
	const done = () => Date.now() >= ends;
	const statuses = new Map<number, number>();
	const greedy = Array.from({ length: clients }, async (_, client) => {
		const agent = new Agent({ keepAlive: true, localAddress: scenario.address(client) });
		for (let i = 0; i < maxPerClient && !done(); i++) {
			const { status } = await get(agent, origin, scenario.path(client, i));
			statuses.set(status, (statuses.get(status) ?? 0) + 1);
		}
		agent.destroy();
	});
	const [health] = await Promise.all([sampleHealth(origin, done), ...greedy]);
	const served = statuses.get(200) ?? 0;
	return {
		scenario: scenario.name,
		healthP50: percentile(health, 0.5),
		healthMax: Math.max(...health),
		samples: health.length,
		servedPerS: served / seconds,
		statuses: Object.fromEntries(statuses)
	};
}

async function measure(label: string, buildDir: string, database: string, budget: string) {
	const server = await startServer({
		buildDir,
		database,
		env: {
			PUBLIC_BUDGET_MS_PER_SECOND: budget,
			PUBLIC_BUDGET_BURST_MS: '',
			PUBLIC_BUDGET_MAX_RUNNING: budget
		},
		log: 'stall-server'
	});
	const db = openTestDatabase(database);
	const homes = (db.prepare('select id from residence order by id').all() as { id: number }[]).map(
		(r) => r.id
	);
	db.close();
	const home = (client: number, i: number) =>
		`/map?home=r:${homes[(client * 97 + i) % homes.length]}`;
	const scenarios: Scenario[] = [
		{
			name: 'residences, 1 address',
			path: () => '/api/residences.geojson',
			address: () => '127.0.0.9'
		},
		{ name: 'homes, 1 address', path: home, address: () => '127.0.0.9' },
		{ name: 'homes, 20 addresses', path: home, address: (c) => `127.0.0.${10 + c}` }
	];
	const quiet = await sampleHealth(
		server.origin,
		(() => {
			const ends = Date.now() + 2000;
			return () => Date.now() >= ends;
		})()
	);
	console.log(
		`\n${label} (${buildDir}): quiet /healthz p50 ${percentile(quiet, 0.5).toFixed(1)} ms, max ${Math.max(...quiet).toFixed(1)} ms`
	);
	for (const scenario of scenarios) {
		// a pause between scenarios, so that one's budget debt does not start the next
		await new Promise((resolve) => setTimeout(resolve, 12_000));
		const r = await run(server.origin, scenario);
		console.log(
			`  ${r.scenario.padEnd(22)} /healthz p50 ${r.healthP50.toFixed(1)} ms, max ${r.healthMax.toFixed(1)} ms (${r.samples} samples); greedy clients: ${r.servedPerS.toFixed(0)} answers/s, statuses ${JSON.stringify(r.statuses)}`
		);
	}
	await server.stop();
}

const database = join(outputDir, 'stall.db');
const seeded = join(outputDir, 'stall-seeded.db');
const buildDir = privateBuild('stall');
if (!existsSync(seeded)) {
	// the first start seeds the demo city (about 30 s); later runs start from a copy of it
	removeDatabase(database);
	const server = await startServer({ buildDir, database, healthTimeoutMs: 240_000 });
	await server.stop();
	const db = openTestDatabase(database);
	db.pragma('wal_checkpoint(TRUNCATE)');
	db.close();
	copyFileSync(database, seeded);
}
const runs: [label: string, dir: string, budget: string][] = [
	...(baseline ? [['baseline', baseline, ''] as [string, string, string]] : []),
	// caching alone: this build with a budget too large to matter
	['this build, no budget', buildDir, '1000000'],
	['this build, default budget', buildDir, '']
];
for (const [label, dir, budget] of runs) {
	removeDatabase(database);
	copyFileSync(seeded, database);
	await measure(label, dir, database, budget);
}
