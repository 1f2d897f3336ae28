/**
 * Servers for the reliability and load scripts: each runs a private copy of the build (so a rebuild by
 * someone else cannot pull files from under it) on its own loopback port and its own database file.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

export const outputDir = 'tests/output';

/** A port nobody listens on (other test servers and benchmarks share the machine). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

/**
 * Builds when the sources changed (as `npm start` does) and copies the build to
 * tests/output/build-<name>; BUILD_DIR, when set, is used as it is.
 */
export function privateBuild(name: string): string {
	if (process.env.BUILD_DIR) return process.env.BUILD_DIR;
	const built = spawnSync(process.execPath, ['scripts/start.js', '--build-only'], {
		stdio: 'inherit'
	});
	if (built.status !== 0) throw new Error('build failed');
	const dir = join(outputDir, `build-${name}`);
	rmSync(dir, { recursive: true, force: true });
	cpSync('build', dir, { recursive: true });
	return dir;
}

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/**
 * Removes a SQLite database file with its WAL. A PostgreSQL database (a URL) is left: it lives on the
 * throw-away cluster of the test run, and copyDatabase() replaces a copy it writes again.
 */
export function removeDatabase(url: string): void {
	if (isPostgresUrl(url)) return;
	for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });
}

/**
 * A fresh SQLite database (removed just before) as a copy of TEST_SEEDED_DATABASE when that is set:
 * scripts/test-all.js seeded the demo city there, as a server seeds an empty database at its start
 * (tests/support/seed-database.ts). Otherwise, or on PostgreSQL, the database stays empty and the
 * server seeds it. The seed followed the default booking limit: a server with a lower one must
 * seed its own (a higher one, as durability's, holds that history too).
 */
export function startFromSeeded(database: string): void {
	const seeded = process.env.TEST_SEEDED_DATABASE;
	if (!seeded || isPostgresUrl(seeded) || isPostgresUrl(database)) return;
	cpSync(seeded, database);
}

export async function waitForHealthy(origin: string, timeoutMs: number): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const ok = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) })
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${origin} did not become healthy within ${timeoutMs} ms`);
}

/**
 * With WORKERS > 1 the first worker answers /healthz while the others are still starting (they start
 * once it has migrated): wait until /metrics (loopback may read it) lists every worker.
 */
async function waitForWorkers(origin: string, workers: number, timeoutMs: number): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const text = await fetch(`${origin}/metrics`, { signal: AbortSignal.timeout(5000) })
			.then((r) => r.text())
			.catch(() => '');
		const listed = new Set(
			[...text.matchAll(/^nodejs_eventloop_lag_seconds\{worker="(\d+)"\}/gm)].map((m) => m[1])
		);
		if (listed.size >= workers) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${origin} did not start ${workers} workers within ${timeoutMs} ms`);
}

/** SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=…' profiles (or tunes) every server these scripts start. */
function nodeArgsFromEnv(): string[] {
	return process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
}

export interface RunningServer {
	origin: string;
	port: number;
	child: ChildProcess;
	/** resolves when the process has exited */
	exited: Promise<void>;
	stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerOptions {
	buildDir: string;
	database: string;
	port?: number;
	/** the loopback address to listen on (default 127.0.0.1; tests of client addresses use others) */
	host?: string;
	/** appended to tests/output/<log>.log when given */
	log?: string;
	env?: Record<string, string>;
	nodeArgs?: string[];
	healthTimeoutMs?: number;
	/**
	 * server processes (default 1). More than one runs through scripts/start.js (node:cluster, as
	 * `npm start` with WORKERS does); its primary drains the workers on SIGTERM, and a SIGKILL of the
	 * primary takes the workers with it (a cluster worker exits when its primary's channel closes).
	 */
	workers?: number;
}

/**
 * Starts `node <build>/index.js` directly (not through scripts/start.js, so that a SIGKILL reaches the
 * server itself), with the same defaults scripts/start.js sets; with `workers` > 1, scripts/start.js
 * with WORKERS and BUILD_DIR.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const port = options.port ?? (await freePort());
	const host = options.host ?? '127.0.0.1';
	const origin = `http://${host}:${port}`;
	const workers = options.workers ?? 1;
	const entry = workers > 1 ? 'scripts/start.js' : join(options.buildDir, 'index.js');
	const child = spawn(process.execPath, [...(options.nodeArgs ?? nodeArgsFromEnv()), entry], {
		env: {
			...process.env,
			WORKERS: String(workers),
			BUILD_DIR: options.buildDir,
			HOST: host,
			PORT: String(port),
			ORIGIN: origin,
			DATABASE_URL: options.database,
			BODY_SIZE_LIMIT: '256K',
			DEMO_ACCOUNTS: 'false',
			OUTBOX_POLL_SECONDS: '3600',
			// every request of these scripts comes from one loopback address: no per-client budget
			PUBLIC_BUDGET_MS_PER_SECOND: '1000000',
			PUBLIC_BUDGET_BURST_MS: '1000000',
			PUBLIC_BUDGET_MAX_RUNNING: '1000000',
			...options.env
		},
		stdio: ['ignore', options.log ? 'pipe' : 'ignore', options.log ? 'pipe' : 'ignore']
	});
	if (options.log) {
		mkdirSync(outputDir, { recursive: true });
		const file = createWriteStream(join(outputDir, `${options.log}.log`), { flags: 'a' });
		child.stdout?.pipe(file, { end: false });
		child.stderr?.pipe(file, { end: false });
	}
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	// a script that crashes or exits early never leaves its server behind
	const orphanGuard = () => child.kill('SIGKILL');
	process.once('exit', orphanGuard);
	child.once('exit', () => process.off('exit', orphanGuard));
	const server: RunningServer = {
		origin,
		port,
		child,
		exited,
		async stop(signal: NodeJS.Signals = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
	};
	try {
		await Promise.race([
			waitForHealthy(origin, options.healthTimeoutMs ?? 120_000),
			exited.then(() => {
				throw new Error(`server on ${origin} exited during start-up (${child.exitCode})`);
			})
		]);
		if (workers > 1) await waitForWorkers(origin, workers, options.healthTimeoutMs ?? 120_000);
	} catch (error) {
		await server.stop('SIGKILL');
		throw error;
	}
	return server;
}

export function buildExists(dir: string): boolean {
	return existsSync(join(dir, 'index.js'));
}
