/**
 * A server stopped with SIGTERM exits by itself (a rolling restart, a container stop), once the
 * coverage engine's worker thread has built the engine: an idle worker keeps no handle that holds
 * the process (its port was the last one left, and the server ran until SIGKILL).
 */
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { closeDatabase } from '../../src/lib/server/db';
import { copyWithEmptyOutbox } from '../support/booking-db';
import { removeDatabase, startServer } from '../support/server';
import { testServerDatabaseUrl } from '../support/test-server-db';

const privateBuild = `tests/output/build-${process.env.TEST_PORT}`;
const database = `tests/output/shutdown-${process.env.TEST_PORT}.db`;

test('SIGTERM ends an idle server after its engine was built in the worker thread', async () => {
	test.setTimeout(180_000);
	// a copy of the test server's demo city (nothing left to send): seeding a city of its own was
	// most of this test's time, and the engine is built from the database at start either way
	await closeDatabase(await copyWithEmptyOutbox(testServerDatabaseUrl(), database));
	const server = await startServer({
		buildDir: existsSync(`${privateBuild}/index.js`) ? privateBuild : 'build',
		database,
		env: { SEED_DEMO: 'false' }
	});
	try {
		// the engine is built in the worker thread at start: wait until it answers from it
		await expect
			.poll(async () => (await (await fetch(`${server.origin}/healthz`)).json()).engine?.ready, {
				timeout: 120_000
			})
			.toBe(true);
		const sent = Date.now();
		server.child.kill('SIGTERM');
		const exitedAlone = await Promise.race([
			server.exited.then(() => true),
			new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 8_000))
		]);
		expect(exitedAlone, `still running ${Date.now() - sent} ms after SIGTERM`).toBe(true);
	} finally {
		await server.stop('SIGKILL');
		removeDatabase(database);
	}
});
