// A throw-away PostgreSQL for the tests: a temporary cluster (initdb in a temporary folder, a free
// port on 127.0.0.1, its unix socket in that folder, no fsync: nothing in it must survive) that is
// stopped and removed at the end, also on a failure or Ctrl-C. Debian's `postgresql` package is
// installed when the machine has no PostgreSQL (as root; otherwise it says what to run), as
// `npm test` does for Chromium.
//
//   node scripts/postgres-test-server.js -- COMMAND ARGS…
//       starts a cluster, runs COMMAND with TEST_DATABASE_URL=postgres://…/lifecircle_test, stops
//       the cluster and exits with COMMAND's status. e.g. the data-layer specs on PostgreSQL:
//       node scripts/postgres-test-server.js -- npx vitest run src/lib/server/db
//   node scripts/postgres-test-server.js
//       starts a cluster and prints its URL; Ctrl-C stops it.
//   node scripts/postgres-test-server.js --fresh -- COMMAND ARGS…
//       no cluster: drops and creates the database DATABASE_URL names (postgres://), then runs
//       COMMAND (the PostgreSQL test server of playwright.config.ts starts on an empty database, or
//       with TEST_SEEDED_DATABASE=postgres://… on a copy of that one: test-all.js seeds the demo
//       city there beside the build).
//
// scripts/test-all.js imports startPostgres() and ensurePostgres().
import { spawn, spawnSync } from 'node:child_process';
import {
	chownSync,
	existsSync,
	mkdtempSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The folder with initdb and postgres: POSTGRES_BIN, Debian's newest, pg_config's, or none. */
export function postgresBinDir() {
	const candidates = [];
	if (process.env.POSTGRES_BIN) candidates.push(process.env.POSTGRES_BIN);
	if (existsSync('/usr/lib/postgresql')) {
		const versions = readdirSync('/usr/lib/postgresql')
			.filter((name) => /^\d+$/.test(name))
			.sort((a, b) => Number(b) - Number(a));
		candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
	}
	const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
	if (config.status === 0) candidates.push(config.stdout.trim());
	return candidates.find(
		(dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))
	);
}

/** Makes sure PostgreSQL's programs are here; false (after saying why) when they cannot be. */
export function ensurePostgres() {
	if (postgresBinDir()) return true;
	const isRoot = process.getuid?.() === 0;
	if (!isRoot || !existsSync('/usr/bin/apt-get')) {
		console.error(
			'\nThe PostgreSQL tests need PostgreSQL (initdb, postgres), which this machine does not have.\n' +
				'Run this once, then npm test again:\n  sudo apt-get update && sudo apt-get install -y postgresql\n' +
				'(or point POSTGRES_BIN at a folder with initdb and postgres; TEST_POSTGRES=off npm test skips the PostgreSQL runs)\n'
		);
		return false;
	}
	console.log('\n=== installing postgresql from Debian (the PostgreSQL tests need it)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	const install =
		update.status === 0 &&
		spawnSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env });
	if (!install || install.status !== 0 || !postgresBinDir()) {
		console.error("\nInstalling postgresql failed; see apt-get's message above.");
		return false;
	}
	return true;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user. */
function runAs() {
	if (process.getuid?.() !== 0) return {};
	const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
	const uid = id('-u');
	const gid = id('-g');
	if (uid.status !== 0 || gid.status !== 0)
		throw new Error('running as root needs a `postgres` user to run PostgreSQL as');
	return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a query on a fresh connection (the cluster's maintenance database unless the URL says). */
async function query(url, text) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await client.query(text);
	} finally {
		await client.end();
	}
}

/**
 * Starts a throw-away cluster with the database lifecircle_test. It is stopped and removed by stop(),
 * when the process exits, and (unless handleSignals is false) on SIGINT or SIGTERM, after which the
 * process exits (130, 143).
 * @param {{ handleSignals?: boolean }} [options]
 * @returns {Promise<{ url: string, serverUrl: string, stop: () => Promise<void> }>} url: the
 *   database's postgres:// URL; serverUrl: the cluster's maintenance database (postgres), from which
 *   more databases can be made; stop: stops the cluster and removes its folder (also run on exit)
 */
export async function startPostgres({ handleSignals = true } = {}) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('no PostgreSQL here (ensurePostgres() installs it)');
	const owner = runAs();
	const dir = mkdtempSync(join(tmpdir(), 'lifecircle-pg-'));
	const data = join(dir, 'data');
	if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid);
	let server;
	let stopped = false;

	const removeNow = () => {
		if (stopped) return;
		stopped = true;
		// immediate shutdown: synchronous exit handlers cannot wait for a fast one
		if (server && server.exitCode === null) server.kill('SIGQUIT');
		rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	};
	process.on('exit', removeNow);
	const onSignal = async (signal) => {
		await stop();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};
	if (handleSignals) for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, onSignal);
	const stop = async () => {
		for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, onSignal);
		if (stopped) return;
		if (server && server.exitCode === null) {
			const exited = new Promise((resolve) => server.once('exit', resolve));
			// fast shutdown: clients are disconnected, nothing is written to disk for later
			server.kill('SIGINT');
			await Promise.race([exited, sleep(10_000)]);
		}
		removeNow();
		process.off('exit', removeNow);
	};

	try {
		const init = spawnSync(
			join(bin, 'initdb'),
			['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
			{ encoding: 'utf8', ...owner }
		);
		if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
		const logFile = join(dir, 'postgres.log');
		for (let attempt = 0; ; attempt++) {
			const port = await freePort();
			server = spawn(
				join(bin, 'postgres'),
				[
					'-D',
					data,
					'-p',
					String(port),
					'-k',
					dir,
					'-c',
					'listen_addresses=127.0.0.1',
					'-c',
					'fsync=off',
					'-c',
					'synchronous_commit=off',
					'-c',
					'full_page_writes=off',
					'-c',
					'max_connections=300',
					'-c',
					`logging_collector=off`
				],
				// the server's log goes to a file, not a pipe: test-all.js waits in spawnSync for each
				// step, reading no pipe meanwhile, and a server blocked on a full pipe stops answering
				{ stdio: ['ignore', 'ignore', openSync(logFile, 'w')], ...owner }
			);
			const serverUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
			const ready = await waitForServer(serverUrl, server);
			if (ready) {
				await query(serverUrl, 'create database lifecircle_test');
				return { url: `postgres://postgres@127.0.0.1:${port}/lifecircle_test`, serverUrl, stop };
			}
			// another process took the port between freePort() and the start: try another
			if (attempt >= 3)
				throw new Error(`postgres did not start:\n${readFileSync(logFile, 'utf8')}`);
		}
	} catch (error) {
		await stop();
		throw error;
	}
}

async function waitForServer(url, server) {
	const until = Date.now() + 60_000;
	while (Date.now() < until) {
		if (server.exitCode !== null) return false;
		try {
			await query(url, 'select 1');
			return true;
		} catch {
			await sleep(100);
		}
	}
	return false;
}

/** The URL of another database on the same server. */
export function databaseUrl(url, database) {
	const parsed = new URL(url);
	parsed.pathname = `/${database}`;
	return parsed.toString();
}

/**
 * Drops (disconnecting its users) and creates again the database a postgres:// URL names: empty, or
 * given `template` (the URL of a database on the same server that nobody is connected to), a copy.
 */
export async function freshDatabase(url, template) {
	const parsed = new URL(url);
	const name = decodeURIComponent(parsed.pathname.slice(1));
	parsed.pathname = '/postgres';
	const quote = (text) => `"${text.replaceAll('"', '""')}"`;
	await query(parsed.toString(), `drop database if exists ${quote(name)} with (force)`);
	const copied = template
		? ` template ${quote(decodeURIComponent(new URL(template).pathname.slice(1)))}`
		: '';
	await query(parsed.toString(), `create database ${quote(name)}${copied}`);
}

/** Runs a command to its end, passing Ctrl-C and SIGTERM on; its exit status. */
function runCommand(command, args, env) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { stdio: 'inherit', env });
		const forward = (signal) => child.kill(signal);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		child.on('exit', (code, signal) => {
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

async function main() {
	const argv = process.argv.slice(2);
	const split = argv.indexOf('--');
	const options = split < 0 ? argv : argv.slice(0, split);
	const [command, ...args] = split < 0 ? [] : argv.slice(split + 1);
	if (options.includes('--fresh')) {
		const url = process.env.DATABASE_URL ?? '';
		if (!/^postgres(ql)?:\/\//.test(url))
			throw new Error('--fresh needs DATABASE_URL=postgres://…');
		const seeded = process.env.TEST_SEEDED_DATABASE;
		await freshDatabase(url, /^postgres(ql)?:\/\//.test(seeded ?? '') ? seeded : undefined);
		if (command) process.exit(await runCommand(command, args, process.env));
		return;
	}
	if (!ensurePostgres()) process.exit(1);
	const postgres = await startPostgres({ handleSignals: false });
	const stopAndExit = async (status) => {
		await postgres.stop();
		process.exit(status);
	};
	if (!command) {
		console.log(`PostgreSQL for tests: ${postgres.url}  (Ctrl-C stops it and removes its data)`);
		process.on('SIGINT', () => stopAndExit(0));
		process.on('SIGTERM', () => stopAndExit(0));
		return;
	}
	// the command ends on Ctrl-C too (it gets the signal); the cluster is stopped after it
	process.on('SIGINT', () => {});
	process.on('SIGTERM', () => {});
	const status = await runCommand(command, args, {
		...process.env,
		TEST_DATABASE_URL: postgres.url
	});
	await stopAndExit(status);
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
