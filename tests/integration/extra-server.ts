/**
 * A second server process on the test server's database (as booking-concurrency.test.ts runs one),
 * listening on another loopback address with its own settings, and requests sent from a chosen
 * loopback source address: the tests of per-address behaviour need clients at several addresses.
 */
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { startServer, type RunningServer } from '../support/server';
import { testServerDatabaseUrl } from '../support/test-server-db';

const databaseFile = testServerDatabaseUrl();
// the private copy of the build the Playwright web server runs (tests/start-test-server.js)
const privateBuild = `tests/output/build-${process.env.TEST_PORT}`;

export function startExtraServer(
	host: string,
	env: Record<string, string>,
	workers = 1
): Promise<RunningServer> {
	return startServer({
		workers,
		buildDir: existsSync(`${privateBuild}/index.js`) ? privateBuild : 'build',
		database: databaseFile,
		host,
		env: { SEED_DEMO: 'false', ...env },
		healthTimeoutMs: 60_000
	});
}

export interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** GET `path` from `server`, leaving from the source address `from` (any 127.x.y.z works here). */
export async function getFrom(
	from: string,
	server: RunningServer,
	path: string,
	headers: Record<string, string> = {}
): Promise<Answer> {
	const answer = await getBytes(server.origin, path, headers, from);
	return { ...answer, body: answer.body.toString('utf8') };
}

/**
 * GET `path` from `origin` with exactly these headers (no client's defaults, no decompression), its
 * body as sent; from the source address `from` when given.
 */
export function getBytes(
	origin: string,
	path: string,
	headers: Record<string, string> = {},
	from?: string
): Promise<Omit<Answer, 'body'> & { body: Buffer }> {
	const { hostname, port } = new URL(origin);
	return new Promise((resolve, reject) => {
		const outgoing = request(
			{ host: hostname, port, path, localAddress: from, headers, agent: false },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: Buffer.concat(chunks)
					})
				);
				response.on('error', reject);
			}
		);
		outgoing.setTimeout(30_000, () => outgoing.destroy(new Error(`GET ${path} timed out`)));
		outgoing.on('error', reject);
		outgoing.end();
	});
}
