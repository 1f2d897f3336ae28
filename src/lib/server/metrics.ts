/**
 * `/metrics` (Prometheus text format): prom-client's default metrics of the process (event-loop delay
 * `nodejs_eventloop_lag_*`, heap, GC, CPU) and request counts and durations by route, plus the bookings
 * in the database. Labels are route ids (`/bookings/[id]`), never paths, so no id or phone number
 * becomes a label. Every series of a process carries `worker="<pid>"`: with WORKERS > 1 (scripts/cluster.js)
 * the worker answering /metrics asks the primary, which gathers every worker's series (prom-client's
 * AggregatorRegistry.aggregate), so one scrape reports all processes side by side (PromQL
 * `sum by (route)` adds them up).
 */
import cluster from 'node:cluster';
import { count } from 'drizzle-orm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from './db';
import { booking } from './db/schema';
import type { BlockList } from 'node:net';
import { addressHeader, listed, metricsAllow } from './config';

/** upper bounds in seconds, as Prometheus histograms count them */
const bucketsS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const registry = new Registry();
registry.setDefaultLabels({ worker: String(process.pid) });
collectDefaultMetrics({ register: registry });

const requests = new Counter({
	name: 'lifecircle_http_requests_total',
	help: 'HTTP requests answered, by method, route id and status.',
	labelNames: ['method', 'route', 'status'] as const,
	registers: [registry]
});
const durations = new Histogram({
	name: 'lifecircle_http_request_duration_seconds',
	help: 'Time to answer, by method and route id.',
	labelNames: ['method', 'route'] as const,
	buckets: bucketsS,
	registers: [registry]
});
new Gauge({
	name: 'lifecircle_process_start_time_seconds',
	help: 'When this server process started.',
	registers: [registry]
}).set(Math.floor(Date.now() / 1000));

const pageCache = new Counter({
	name: 'lifecircle_page_cache_total',
	help: 'Public pages asked for by visitors not signed in: answered from the page cache (hit), rendered and kept (kept), or rendered and not kept (not_kept).',
	labelNames: ['result'] as const,
	registers: [registry]
});

export function recordPageCache(result: 'hit' | 'kept' | 'not_kept'): void {
	pageCache.inc({ result });
}

export function recordRequest(method: string, route: string, status: number, ms: number): void {
	requests.inc({ method, route, status });
	durations.observe({ method, route }, ms / 1000);
}

function label(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

async function bookingsByStatus(db: Db): Promise<{ status: string; n: number }[]> {
	return await db
		.select({ status: booking.status, n: count() })
		.from(booking)
		.groupBy(booking.status)
		.orderBy(booking.status);
}

/** In a cluster worker: the primary's aggregation of every worker's registry, by request id. */
const waiting = new Map<number, { resolve: (text: string) => void; reject: (e: Error) => void }>();
let requestIds = 0;
const clusterTimeoutMs = 6000;

if (cluster.isWorker) {
	process.on('message', (message: { type?: string; id: number; text?: string; error?: string }) => {
		// the primary gathers every worker's series (scripts/cluster.js)
		if (message?.type === 'lifecircle:metrics-collect') {
			void registry
				.getMetricsAsJSON()
				.then((metrics) =>
					process.send?.({ type: 'lifecircle:metrics-collected', id: message.id, metrics })
				);
			return;
		}
		if (message?.type !== 'lifecircle:metrics') return;
		const request = waiting.get(message.id);
		waiting.delete(message.id);
		if (message.error !== undefined) request?.reject(new Error(message.error));
		else request?.resolve(message.text ?? '');
	});
	// the message listeners keep the IPC channel (and so the process) alive: after adapter-node's
	// graceful shutdown has closed the server, let go of it so the worker exits
	process.on('sveltekit:shutdown' as 'exit', () => process.disconnect?.());
}

function everyWorker(): Promise<string> {
	const id = ++requestIds;
	return new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => {
			waiting.delete(id);
			reject(new Error('the primary did not answer'));
		}, clusterTimeoutMs);
		waiting.set(id, {
			resolve: (text) => (clearTimeout(timer), resolve(text)),
			reject: (error) => (clearTimeout(timer), reject(error))
		});
		process.send!({ type: 'lifecircle:metrics-request', id });
	});
}

/** The exposition text (version 0.0.4) of every server process, and the bookings in the database. */
export async function exposition(db: Db): Promise<string> {
	const processes = cluster.isWorker ? await everyWorker() : await registry.metrics();
	const lines: string[] = [
		'# HELP lifecircle_bookings Bookings in the database, by status (all processes).',
		'# TYPE lifecircle_bookings gauge'
	];
	for (const { status, n } of await bookingsByStatus(db)) {
		lines.push(`lifecircle_bookings{status="${label(status)}"} ${n}`);
	}
	return processes.trimEnd() + '\n' + lines.join('\n') + '\n';
}

const forwardedHeaders = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * Addresses on METRICS_ALLOW (default: loopback) may read the metrics. The client address is
 * adapter-node's: behind a proxy with ADDRESS_HEADER set it is the address the proxy forwarded, so a
 * public request relayed through a proxy on this machine is judged by its real origin. Without
 * ADDRESS_HEADER, a request carrying forwarding headers was relayed by a proxy whose forwarded
 * address nobody reads, so it is not trusted whatever its socket address.
 */
export function mayReadMetrics(
	clientAddress: string,
	headers: Headers,
	allow: BlockList = metricsAllow,
	trustedHeader: string | null = addressHeader
): boolean {
	if (!listed(allow, clientAddress)) return false;
	return trustedHeader !== null || forwardedHeaders.every((h) => !headers.has(h));
}
