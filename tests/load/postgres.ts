/**
 * PostgreSQL for the load, durability and benchmark scripts: a throw-away cluster
 * (scripts/postgres-test-server.js: a temporary data folder and port, no fsync, removed at the end, also
 * on Ctrl-C), or, when `POSTGRES_URL` names a database on a server of your own, that server. Each
 * measurement gets a database of its own, dropped and created again first (`database(name)`), so the
 * first app server started on it migrates it and seeds the demo city as on a fresh deployment.
 *
 * The cluster runs without fsync (as the tests' cluster does): the figures compare the app's work on
 * each backend, not disks; SQLite's file is written with its usual settings (WAL, synchronous=normal).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';

/** What scripts/postgres-test-server.js exports (plain JavaScript: imported by a path kept out of type checking). */
interface TestServerModule {
	databaseUrl(url: string, database: string): string;
	ensurePostgres(): boolean;
	freshDatabase(url: string): Promise<void>;
	startPostgres(): Promise<{ url: string; serverUrl: string; stop: () => Promise<void> }>;
}
const testServerPath = '../../scripts/postgres-test-server.js';

export interface LoadPostgres {
	/** a fresh, empty database on the server; its postgres:// URL */
	database(name: string): Promise<string>;
	/** what the figures were measured on, for the report */
	describe: string;
	stop(): Promise<void>;
}

export async function loadPostgres(): Promise<LoadPostgres> {
	const { databaseUrl, ensurePostgres, freshDatabase, startPostgres } = (await import(
		/* @vite-ignore */ testServerPath
	)) as TestServerModule;
	const own = process.env.POSTGRES_URL;
	if (own) {
		return {
			async database(name) {
				const url = databaseUrl(own, name);
				await freshDatabase(url);
				return url;
			},
			describe: `PostgreSQL at ${new URL(own).host} (POSTGRES_URL)`,
			async stop() {}
		};
	}
	if (!ensurePostgres()) throw new Error('no PostgreSQL on this machine (see the message above)');
	const cluster = await startPostgres();
	// the cluster's log (errors with their statements) is kept in tests/output when it stops
	const client = new pg.Client({ connectionString: cluster.serverUrl });
	await client.connect();
	const { rows } = await client.query<{ dir: string }>(
		`select current_setting('data_directory') as dir`
	);
	await client.end();
	const log = join(dirname(rows[0].dir), 'postgres.log');
	const kept = join('tests/output', `postgres-${process.pid}.log`);
	return {
		async database(name) {
			const url = databaseUrl(cluster.serverUrl, name);
			await freshDatabase(url);
			return url;
		},
		describe: 'a throw-away PostgreSQL cluster on this machine (fsync off)',
		async stop() {
			mkdirSync('tests/output', { recursive: true });
			try {
				copyFileSync(log, kept);
			} catch {
				// no log to keep
			}
			await cluster.stop();
		}
	};
}
