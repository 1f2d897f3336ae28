// The primary process of `npm start` with WORKERS > 1: it runs the built server WORKERS times with
// node:cluster (the workers share the port: the primary accepts connections and hands them round), each
// worker on the same SQLite file. It restarts a worker that dies, drains them all on SIGTERM/SIGINT,
// and answers the workers' requests for /metrics: it gathers every listening worker's registry and
// merges them with prom-client's AggregatorRegistry.aggregate (every series carries its worker's
// `worker` label, so each process's series stay side by side).
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import promClient from 'prom-client';

/** at most this many restarts within restartWindowMs, then the primary gives up (a broken build or port) */
const maxRestarts = 5;
const restartWindowMs = 60_000;
/** a worker that has not sent its metrics by then (a blocked event loop) is left out of that scrape */
const gatherTimeoutMs = 3000;
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
	let stopping = false;
	/** @type {Set<import('node:cluster').Worker>} workers that listen (their modules are loaded) */
	const ready = new Set();
	/** @type {Map<number, { replies: object[], waiting: number, done: () => void }>} */
	const gathering = new Map();
	let gatherIds = 0;
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

	cluster.on('listening', (worker) => ready.add(worker));
	cluster.on('exit', (worker, code, signal) => {
		ready.delete(worker);
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

	/** Every listening worker's registry (getMetricsAsJSON), merged into one exposition text. */
	function gather() {
		const id = ++gatherIds;
		const workers = [...ready].filter((worker) => worker.isConnected());
		return new Promise((resolve) => {
			/** @type {object[]} */
			const replies = [];
			const done = () => {
				if (!gathering.delete(id)) return;
				clearTimeout(timer);
				resolve(promClient.AggregatorRegistry.aggregate(replies).metrics());
			};
			const timer = setTimeout(done, gatherTimeoutMs);
			gathering.set(id, { replies, waiting: workers.length, done });
			for (const worker of workers) worker.send({ type: 'lifecircle:metrics-collect', id });
			if (workers.length === 0) done();
		});
	}

	cluster.on('message', (worker, message) => {
		if (message?.type === 'lifecircle:metrics-collected') {
			const request = gathering.get(message.id);
			if (!request) return;
			request.replies.push(message.metrics);
			if (--request.waiting === 0) request.done();
		} else if (message?.type === 'lifecircle:metrics-request') {
			// a worker serving /metrics asks for every worker's series (src/lib/server/metrics.ts)
			gather().then(
				(text) => worker.send({ type: 'lifecircle:metrics', id: message.id, text }),
				(error) => worker.send({ type: 'lifecircle:metrics', id: message.id, error: String(error) })
			);
		}
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
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
		process.on(signal, () => stop(signal));
}
