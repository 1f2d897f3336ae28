/**
 * Request counts and durations by route, in this process's memory, for `/metrics` (Prometheus text
 * format). Each server process keeps its own; Prometheus scrapes every instance and adds them up.
 * Labels are route ids (`/bookings/[id]`), never paths, so no id or phone number becomes a label.
 */
import { count } from 'drizzle-orm';
import type { Db } from './db';
import { booking } from './db/schema';
import type { BlockList } from 'node:net';
import { addressHeader, listed, metricsAllow } from './config';

/** upper bounds in seconds, as Prometheus histograms count them */
const bucketsS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Series {
	method: string;
	route: string;
	status: number;
	count: number;
	sumS: number;
	/** cumulative counts per bucket are computed on output; here per-bucket counts */
	buckets: number[];
}

const series = new Map<string, Series>();
const startedAt = Date.now();

export function recordRequest(method: string, route: string, status: number, ms: number): void {
	const key = `${method} ${route} ${status}`;
	let s = series.get(key);
	if (!s) {
		s = { method, route, status, count: 0, sumS: 0, buckets: new Array(bucketsS.length).fill(0) };
		series.set(key, s);
	}
	const seconds = ms / 1000;
	s.count++;
	s.sumS += seconds;
	const bucket = bucketsS.findIndex((upper) => seconds <= upper);
	if (bucket >= 0) s.buckets[bucket]++;
}

function label(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function bookingsByStatus(db: Db): { status: string; n: number }[] {
	return db
		.select({ status: booking.status, n: count() })
		.from(booking)
		.groupBy(booking.status)
		.all();
}

/** The exposition text (version 0.0.4). */
export function exposition(db: Db): string {
	const lines: string[] = [
		'# HELP lifecircle_http_requests_total HTTP requests answered, by method, route id and status.',
		'# TYPE lifecircle_http_requests_total counter'
	];
	const sorted = [...series.values()].sort((a, b) =>
		`${a.route} ${a.method} ${a.status}`.localeCompare(`${b.route} ${b.method} ${b.status}`)
	);
	for (const s of sorted) {
		lines.push(
			`lifecircle_http_requests_total{method="${s.method}",route="${label(s.route)}",status="${s.status}"} ${s.count}`
		);
	}
	lines.push(
		'# HELP lifecircle_http_request_duration_seconds Time to answer, by method and route id.',
		'# TYPE lifecircle_http_request_duration_seconds histogram'
	);
	const byRoute = new Map<string, { count: number; sumS: number; buckets: number[] }>();
	for (const s of sorted) {
		const key = `method="${s.method}",route="${label(s.route)}"`;
		const total = byRoute.get(key) ?? { count: 0, sumS: 0, buckets: bucketsS.map(() => 0) };
		total.count += s.count;
		total.sumS += s.sumS;
		s.buckets.forEach((n, i) => (total.buckets[i] += n));
		byRoute.set(key, total);
	}
	for (const [key, total] of byRoute) {
		let cumulative = 0;
		bucketsS.forEach((upper, i) => {
			cumulative += total.buckets[i];
			lines.push(
				`lifecircle_http_request_duration_seconds_bucket{${key},le="${upper}"} ${cumulative}`
			);
		});
		lines.push(`lifecircle_http_request_duration_seconds_bucket{${key},le="+Inf"} ${total.count}`);
		lines.push(`lifecircle_http_request_duration_seconds_sum{${key}} ${total.sumS.toFixed(6)}`);
		lines.push(`lifecircle_http_request_duration_seconds_count{${key}} ${total.count}`);
	}
	lines.push(
		'# HELP lifecircle_bookings Bookings in the database, by status (all processes).',
		'# TYPE lifecircle_bookings gauge'
	);
	for (const { status, n } of bookingsByStatus(db)) {
		lines.push(`lifecircle_bookings{status="${label(status)}"} ${n}`);
	}
	lines.push(
		'# HELP lifecircle_process_start_time_seconds When this server process started.',
		'# TYPE lifecircle_process_start_time_seconds gauge',
		`lifecircle_process_start_time_seconds ${Math.floor(startedAt / 1000)}`
	);
	return lines.join('\n') + '\n';
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
