// The primary process of `npm start` with WORKERS > 1: it runs the built server WORKERS times with
// node:cluster (the workers share the port: the primary accepts connections and hands them round), each
// worker on the same SQLite file. It restarts a worker that dies, drains them all on SIGTERM/SIGINT,
// and answers the workers' requests for /metrics with prom-client's AggregatorRegistry (every series
// carries its worker's `worker` label, so nothing is added up across processes that should not be).
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import promClient from 'prom-client';

/** at most this many restarts within restartWindowMs, then the primary gives up (a broken build or port) */
const maxRestarts = 5;
const restartWindowMs = 60_000;
/** adapter-node's SHUTDOWN_TIMEOUT (30 s) closes lingering connections; a worker still alive after this is killed */
const drainTimeoutMs = 40_000;

/**
 * WORKERS as `npm start` reads it: a whole number ≥ 1, or nothing for the machine's cores (at most 4).
 * The server declares the same rule in src/lib/server/config.ts (README's configuration table).
 * @param {string | undefined} raw
 * @param {number} cores
 */
export function workerCount(raw, cores = availableParallelism()) {
	const text = raw?.trim();
	if (!text) return Math.max(1, Math.min(cores, 4));
	const n = Number(text);
	if (!Number.isInteger(n) || n < 1) {
		console.error(`WORKERS: must be a whole number ≥ 1, not "${raw}"`);
		process.exit(1);
	}
	return n;
}

/**
 * @param {{ entry: string, workers: number, env: NodeJS.ProcessEnv, execArgv?: string[] }} options
 */
export function serveCluster({ entry, workers, env, execArgv = process.execArgv }) {
	cluster.setupPrimary({ exec: entry, execArgv });
	const aggregator = new promClient.AggregatorRegistry();
	let stopping = false;
	let exitCode = 0;
	/** @type {number[]} */
	let restarts = [];

	const fork = () => cluster.fork(env);

	// The first worker migrates the database (and seeds an empty one) before it listens; the others
	// start once it does, so two processes never run the migrations at the same time.
	const first = fork();
	first.once('listening', () => {
		for (let i = 1; i < workers; i++) fork();
	});

	cluster.on('exit', (worker, code, signal) => {
		if (stopping) {
			if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
			return;
		}
		const now = Date.now();
		restarts = [...restarts.filter((at) => now - at < restartWindowMs), now];
		console.error(
			`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); ${restarts.length > maxRestarts ? 'too many restarts, stopping' : 'starting another'}`
		);
		if (restarts.length > maxRestarts) {
			exitCode = 1;
			stop('SIGTERM');
			return;
		}
		fork();
	});

	// A worker serving /metrics asks for every worker's series (lib/server/metrics.ts).
	cluster.on('message', (worker, message) => {
		if (message?.type !== 'lifecircle:metrics-request') return;
		aggregator.clusterMetrics().then(
			(text) => worker.send({ type: 'lifecircle:metrics', id: message.id, text }),
			(error) => worker.send({ type: 'lifecircle:metrics', id: message.id, error: String(error) })
		);
	});

	/** @param {NodeJS.Signals} signal */
	function stop(signal) {
		if (stopping) return;
		stopping = true;
		const alive = Object.values(cluster.workers ?? {});
		if (alive.length === 0) process.exit(exitCode);
		for (const worker of alive) worker?.process.kill(signal);
		setTimeout(() => {
			for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
			process.exit(1);
		}, drainTimeoutMs).unref();
	}
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => stop(signal));
}
