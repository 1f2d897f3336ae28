import { defineConfig } from '@playwright/test';
import { readdirSync } from 'node:fs';

// Several test runs may share this machine: each picks its own port (from its pid) and database.
// Set in the main process, so the workers, which load this file again, inherit the same values.
process.env.TEST_PORT ??= String(4200 + (process.pid % 700));
const port = Number(process.env.TEST_PORT);
/** The test server's SQLite file; tests may open it read-only to check what was (not) written. */
process.env.TEST_DATABASE_URL ??= `tests/output/e2e-${port}.db`;
export const baseURL = `http://localhost:${port}`;
/**
 * TEST_DATABASE_URL=postgres://… (scripts/test-all.js sets it, to a database of its throw-away
 * cluster): the HTTP integration tests run as the projects `integration-postgres*` against a test
 * server on PostgreSQL (the database is emptied first), on this run's own port; the browser tests
 * stay on SQLite (a run without it). Tests read the same TEST_DATABASE_URL through the data layer.
 */
export const onPostgres = /^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL);

/**
 * HTTP tests that run on SQLite only: what they prove does not depend on the database's dialect, and
 * the SQL they pass through is run on PostgreSQL by other tests. Every other integration test runs
 * on both backends (SQL that differs by dialect: transactions and retries, counts, booleans, imports,
 * capacity, concurrency, bad input that reaches a query). A file here must say why.
 */
export const sqliteOnly = [
	// the route → guard mapping of every route for every role; the SQL behind the scope decisions
	// runs on PostgreSQL in booking-access, staff, outbox-scope, notices, resources, ledger,
	// community-facts and planning-attacks, and every page is rendered there by headers.test.ts
	'integration/authorisation.test.ts',
	// SIGTERM and the engine's worker thread: its server always runs on a SQLite file of its own,
	// so on PostgreSQL it was the very same test again
	'integration/shutdown.test.ts',
	// the same: its own server on a SQLite file of its own (tests/output/big-city-<port>.db), every
	// request to that server; on PostgreSQL it ran unchanged
	'integration/big-city.test.ts',
	// /metrics by caller address and X-Forwarded-For: the request path, no query decides it
	'integration/metrics-allow.test.ts',
	// the per-client budget of costly answers lives in the server process's memory
	'integration/public-budget.test.ts',
	// uploads in pieces are staged in the machine's temporary folder (state, lock, limits); none is
	// finished here (upload-attacks and upload-workers finish imports, on both backends)
	'integration/upload-limits.test.ts',
	// gzip and the meta description of five pages: response encoding, not data
	'integration/delivery.test.ts',
	// a body over the limit is refused by a hook before any route or query runs
	'integration/form-too-large.test.ts'
];

/**
 * The longest files of the PostgreSQL run (17.6, 8.1 and 4.7 s), started before the others: Playwright
 * hands out the files project by project, so these go first and the many short ones fill the end.
 */
const postgresLongFiles = [
	'integration/workers.test.ts',
	'integration/outbox-once.test.ts',
	'integration/backup.test.ts'
];

// Never downloads a browser: Debian's chromium (see .ci/run) is driven directly.
const chromiumLaunch = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};

export default defineConfig({
	testDir: 'tests',
	// the PostgreSQL run's own: scripts/test-all.js runs it beside the SQLite one, and each
	// invocation empties its output folder when it starts
	outputDir: onPostgres ? 'tests/output/test-results-postgres' : 'test-results',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	// Waits are for conditions, never for a quiet machine: on a busy 2-core machine a page can take
	// seconds to hydrate or draw its map, so the ceilings are generous and a passing test is no slower.
	timeout: 180_000,
	expect: { timeout: 20_000 },
	reporter: process.env.CI
		? [
				['list'],
				[
					'json',
					{
						outputFile: onPostgres
							? 'tests/output/playwright-postgres.json'
							: 'tests/output/playwright.json'
					}
				]
			]
		: 'list',
	use: {
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		actionTimeout: 30_000,
		navigationTimeout: 60_000
	},
	projects: onPostgres
		? [
				// first, the PostgreSQL run's longest files (one test each, with server processes and
				// database copies of its own): in name order workers.test.ts came last and ran alone for
				// its last ~10 s while the other worker had nothing left (run them with
				// --project='integration-postgres*')
				{ name: 'integration-postgres-long', testMatch: postgresLongFiles },
				{
					name: 'integration-postgres',
					// each file by name, those of sqliteOnly left out
					testMatch: readdirSync(new URL('./tests/integration', import.meta.url))
						.map((name) => `integration/${name}`)
						.filter(
							(file) =>
								file.endsWith('.test.ts') &&
								!sqliteOnly.includes(file) &&
								!postgresLongFiles.includes(file)
						)
				}
			]
		: [
				{ name: 'integration', testMatch: 'integration/**/*.test.ts' },
				{
					name: 'e2e',
					testMatch: 'e2e/**/*.e2e.ts',
					use: { launchOptions: chromiumLaunch }
				},
				// last: reads the test server's log of everything above (no phone number, token, secret)
				{ name: 'log-audit', testMatch: 'audit/**/*.test.ts', dependencies: ['integration', 'e2e'] }
			],
	webServer: {
		// Started the way the README starts the portal, on a fresh database under tests/output (on
		// PostgreSQL: the database TEST_DATABASE_URL names, dropped and created again first).
		command: onPostgres
			? 'node scripts/postgres-test-server.js --fresh -- node tests/start-test-server.js'
			: 'node tests/start-test-server.js',
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 240_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			DATABASE_URL: process.env.TEST_DATABASE_URL,
			// Every test signs in from 127.0.0.1: per-address limits would trip across the suite.
			// Per-account and per-phone limits keep their defaults; tests use their own numbers.
			LOGIN_LIMIT_PER_IP: '100000',
			CODE_LIMIT_PER_IP: '100000',
			INVITE_LIMIT_PER_IP: '100000',
			// the same for the budget of costly public answers; public-budget.test.ts starts its own
			// server with a small one
			PUBLIC_BUDGET_MS_PER_SECOND: '1000000',
			PUBLIC_BUDGET_BURST_MS: '1000000',
			PUBLIC_BUDGET_MAX_RUNNING: '1000000',
			// the load test's baseline page /bench/bare (404 without it, as in production)
			BENCH_PAGES: 'true'
		}
	}
});
