import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from './testing/database';
import { exposition, mayReadMetrics, recordRequest } from './metrics';
import { metricsAllow, parseAddressList } from './config';
import type { Db } from './db';

let db: Db;

beforeEach(async () => {
	db = await useTestDatabase();
});

describe('metrics', () => {
	it('counts requests by route id and status, with a cumulative duration histogram', async () => {
		recordRequest('GET', '/bookings/[id]', 200, 3);
		recordRequest('GET', '/bookings/[id]', 200, 40);
		recordRequest('GET', '/bookings/[id]', 404, 2);
		const text = await exposition(db);
		const worker = `worker="${process.pid}"`;
		expect(text).toContain('# TYPE lifecircle_http_requests_total counter');
		expect(text).toContain(
			`lifecircle_http_requests_total{method="GET",route="/bookings/[id]",status="200",${worker}} `
		);
		const bucket = (le: string) =>
			Number(
				new RegExp(
					`lifecircle_http_request_duration_seconds_bucket\\{le="${le.replace('+', '\\+')}",${worker},method="GET",route="/bookings/\\[id\\]"\\} (\\d+)`
				).exec(text)?.[1]
			);
		// 2 ms and 3 ms are within 5 ms; 40 ms only from the 50 ms bucket on; +Inf counts all
		expect(bucket('0.05') - bucket('0.005')).toBeGreaterThanOrEqual(1);
		expect(bucket('+Inf')).toBeGreaterThanOrEqual(bucket('0.05'));
		expect(text).toContain('# TYPE lifecircle_bookings gauge');
		expect(text.endsWith('\n')).toBe(true);
	});

	it("exports the process's event-loop delay and prom-client's default metrics, once per family", async () => {
		const text = await exposition(db);
		for (const family of [
			'nodejs_eventloop_lag_seconds',
			'nodejs_eventloop_lag_p99_seconds',
			'nodejs_heap_size_used_bytes',
			'process_cpu_seconds_total',
			'lifecircle_process_start_time_seconds'
		]) {
			expect(text).toContain(`# TYPE ${family} `);
			expect(text).toMatch(new RegExp(`^${family}\\{worker="${process.pid}"\\} [0-9.e+-]+$`, 'm'));
		}
		const types = text.split('\n').filter((line) => line.startsWith('# TYPE '));
		expect(new Set(types).size).toBe(types.length);
	});

	it('lets in the addresses and ranges on METRICS_ALLOW, default loopback', () => {
		const none = new Headers();
		// the default list: 127.0.0.1 and ::1 only (127.0.0.2 is loopback, but not listed)
		expect(mayReadMetrics('127.0.0.1', none)).toBe(true);
		expect(mayReadMetrics('::1', none)).toBe(true);
		expect(mayReadMetrics('::ffff:127.0.0.1', none)).toBe(true);
		expect(mayReadMetrics('127.0.0.2', none)).toBe(false);
		expect(mayReadMetrics('10.0.0.5', none)).toBe(false);
		const allow = parseAddressList('METRICS_ALLOW', '10.1.0.0/16, 2001:db8::/32,192.0.2.7');
		expect(mayReadMetrics('10.1.200.3', none, allow, null)).toBe(true);
		expect(mayReadMetrics('10.2.0.1', none, allow, null)).toBe(false);
		expect(mayReadMetrics('2001:db8::5', none, allow, null)).toBe(true);
		expect(mayReadMetrics('::ffff:192.0.2.7', none, allow, null)).toBe(true);
		expect(mayReadMetrics('127.0.0.1', none, allow, null)).toBe(false);
		expect(mayReadMetrics('not-an-address', none, allow, null)).toBe(false);
	});

	it('does not trust a relayed request unless the server reads the forwarded address', () => {
		const relayed = new Headers({ 'x-forwarded-for': '203.0.113.7' });
		// no ADDRESS_HEADER: a proxy on this machine relays a public request from loopback
		expect(mayReadMetrics('127.0.0.1', relayed, metricsAllow, null)).toBe(false);
		// ADDRESS_HEADER set: the address given is already the forwarded one, judged as such
		expect(mayReadMetrics('127.0.0.1', relayed, metricsAllow, 'x-forwarded-for')).toBe(true);
		expect(mayReadMetrics('203.0.113.7', relayed, metricsAllow, 'x-forwarded-for')).toBe(false);
	});

	it('refuses a METRICS_ALLOW entry that is not an address or range', () => {
		for (const bad of ['localhost', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', '10.0.0.0/x']) {
			expect(() => parseAddressList('METRICS_ALLOW', bad)).toThrow(/METRICS_ALLOW/);
		}
		expect(() => parseAddressList('METRICS_ALLOW', ' 127.0.0.1 , ,::1')).not.toThrow();
	});
});
