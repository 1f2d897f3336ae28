/**
 * `npx tsx tests/load/compare-pages.ts`: every public page of two (or more) builds, side by side in
 * the same run, each against its own server's /bench/bare page measured just before it. Besides
 * throughput (which follows this shared machine's load within seconds), it reports the server's CPU
 * time per request (from /proc, Linux), which the machine's load moves much less: "cpu ÷" is the bare
 * page's CPU per request over the page's, the ratio the page's throughput would have against the bare
 * page if the server had the core to itself.
 *
 * BUILDS=tests/output/build-main,tests/output/build-x (copies of `build`, inside the project),
 * PATHS=/,/map,… ROUNDS=2 LOAD_SECONDS=3 CONNECTIONS=50 WARMUP_SECONDS=1. Reports medians over the
 * rounds. Each measurement is preceded by a warm-up of the same connections (not counted): the
 * figures are of a server that has answered the page before, as a page people open all day is.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputDir, removeDatabase, startServer } from '../support/server';

const builds = (process.env.BUILDS ?? 'tests/output/build-main,tests/output/build-x').split(',');
const paths = (
	process.env.PATHS ?? '/,/map,/map?home=r:1,/service-points/1,/communities/620201001001,/elder'
).split(',');
const seconds = Number(process.env.LOAD_SECONDS) || 3;
const rounds = Number(process.env.ROUNDS) || 2;
const connections = Number(process.env.CONNECTIONS) || 50;
const warmupSeconds = Number(process.env.WARMUP_SECONDS ?? 1);

/** user + system CPU milliseconds of a process so far (clock ticks of 10 ms) */
function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function measure(origin: string, path: string, pid: number) {
	if (warmupSeconds > 0)
		await autocannon({ url: origin + path, connections, duration: warmupSeconds });
	const before = cpuMs(pid);
	const result = await autocannon({ url: origin + path, connections, duration: seconds });
	if (result.non2xx || result.errors)
		throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
	return {
		rps: result.requests.average,
		p99: result.latency.p99,
		cpu: (cpuMs(pid) - before) / result.requests.total
	};
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

const servers = [];
for (const [i, buildDir] of builds.entries()) {
	const database = join(outputDir, `compare-pages-${i}-${process.pid}.db`);
	removeDatabase(database);
	const server = await startServer({ buildDir, database, env: { BENCH_PAGES: 'true' } });
	servers.push({ buildDir, database, server });
}
const results = new Map<
	string,
	{ ratio: number[]; cpuRatio: number[]; p99: number[]; cpu: number[] }
>();
try {
	for (let round = 0; round < rounds; round++)
		for (const path of paths)
			for (const { buildDir, server } of servers) {
				const pid = server.child.pid!;
				const bare = await measure(server.origin, '/bench/bare', pid);
				const page = await measure(server.origin, path, pid);
				const key = `${path}\t${buildDir}`;
				const entry = results.get(key) ?? { ratio: [], cpuRatio: [], p99: [], cpu: [] };
				entry.ratio.push(page.rps / bare.rps);
				entry.cpuRatio.push(bare.cpu / page.cpu);
				entry.p99.push(page.p99);
				entry.cpu.push(page.cpu);
				results.set(key, entry);
				console.error(
					`${key}: ${page.rps.toFixed(0)} req/s (bare ${bare.rps.toFixed(0)}), ${page.cpu.toFixed(2)} ms CPU/request (bare ${bare.cpu.toFixed(2)})`
				);
			}
} finally {
	for (const { server, database } of servers) {
		await server.stop();
		removeDatabase(database);
	}
}
const percent = (value: number) => `${(value * 100).toFixed(0)} %`;
console.log('| page | build | ÷ bare (req/s) | cpu ÷ bare | CPU ms/request | p99 ms |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const [key, r] of results) {
	const [path, build] = key.split('\t');
	console.log(
		`| ${path} | ${build} | ${percent(median(r.ratio))} | ${percent(median(r.cpuRatio))} | ${median(r.cpu).toFixed(2)} | ${median(r.p99)} |`
	);
}
process.exit(0);
