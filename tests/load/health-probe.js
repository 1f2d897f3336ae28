/**
 * `node tests/load/health-probe.js ORIGIN INTERVAL_MS`: asks for /healthz every INTERVAL_MS (after the
 * previous answer) until its standard input closes, and writes one JSON line per answer to standard
 * output: `{"at": epoch ms, "ms": latency, "status": HTTP status (0: none), "builds": engine builds}`.
 * stall.ts runs it in a process of its own, as a load balancer's health check is: what it measures is
 * the server, not the event loop of the greedy clients beside it.
 */
import { Agent, request } from 'node:http';

const [origin, intervalArgument] = process.argv.slice(2);
const intervalMs = Number(intervalArgument) || 50;
const { hostname, port } = new URL(origin);
const agent = new Agent({ keepAlive: true, localAddress: '127.0.0.250' });

let stopped = false;
process.stdin.on('end', () => (stopped = true));
process.stdin.on('close', () => (stopped = true));
process.stdin.resume();

/** @returns {Promise<{ status: number, body: string }>} */
function health() {
	return new Promise((resolve) => {
		const outgoing = request({ host: hostname, port, path: '/healthz', agent }, (response) => {
			/** @type {Buffer[]} */
			const chunks = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () =>
				resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() })
			);
		});
		outgoing.setTimeout(30_000, () => outgoing.destroy());
		outgoing.on('error', () => resolve({ status: 0, body: '' }));
		outgoing.end();
	});
}

while (!stopped) {
	const at = Date.now();
	const started = performance.now();
	const { status, body } = await health();
	const ms = performance.now() - started;
	let builds;
	try {
		builds = JSON.parse(body).engine?.builds;
	} catch {
		builds = undefined;
	}
	process.stdout.write(`${JSON.stringify({ at, ms, status, builds })}\n`);
	await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
agent.destroy();
