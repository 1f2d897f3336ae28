/**
 * A server stopped with SIGTERM exits by itself (a rolling restart, a container stop), once the
 * coverage engine's worker thread has built the engine: an idle worker keeps no handle that holds
 * the process (its port was the last one left, and the server ran until SIGKILL).
 */
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { removeDatabase, startServer } from '../support/server';

const privateBuild = `tests/output/build-${process.env.TEST_PORT}`;
const database = `tests/output/shutdown-${process.env.TEST_PORT}.db`;

test('SIGTERM ends an idle server after its engine was built in the worker thread', async () => {
	test.setTimeout(180_000);
	removeDatabase(database);
	const server = await startServer({
		buildDir: existsSync(`${privateBuild}/index.js`) ? privateBuild : 'build',
		database
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
