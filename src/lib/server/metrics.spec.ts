import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from './accounts/test-fixtures';
import { exposition, isLocalCaller, recordRequest } from './metrics';

beforeEach(() => {
	useTestDatabase();
});

describe('metrics', () => {
	it('counts requests by route id and status, with a cumulative duration histogram', () => {
		recordRequest('GET', '/bookings/[id]', 200, 3);
		recordRequest('GET', '/bookings/[id]', 200, 40);
		recordRequest('GET', '/bookings/[id]', 404, 2);
		const text = exposition();
		expect(text).toContain('# TYPE lifecircle_http_requests_total counter');
		expect(text).toMatch(
			/lifecircle_http_requests_total\{method="GET",route="\/bookings\/\[id\]",status="200"\} \d+/
		);
		const bucket = (le: string) =>
			Number(
				new RegExp(
					`lifecircle_http_request_duration_seconds_bucket\\{method="GET",route="/bookings/\\[id\\]",le="${le.replace('+', '\\+')}"\\} (\\d+)`
				).exec(text)?.[1]
			);
		// 2 ms and 3 ms are within 5 ms; 40 ms only from the 50 ms bucket on; +Inf counts all
		expect(bucket('0.05') - bucket('0.005')).toBeGreaterThanOrEqual(1);
		expect(bucket('+Inf')).toBeGreaterThanOrEqual(bucket('0.05'));
		expect(text).toContain('# TYPE lifecircle_bookings gauge');
		expect(text.endsWith('\n')).toBe(true);
	});

	it('treats loopback as local only without a proxy’s forwarding headers', () => {
		expect(isLocalCaller('127.0.0.1', new Headers())).toBe(true);
		expect(isLocalCaller('::1', new Headers())).toBe(true);
		expect(isLocalCaller('::ffff:127.0.0.1', new Headers())).toBe(true);
		expect(isLocalCaller('10.0.0.5', new Headers())).toBe(false);
		expect(isLocalCaller('127.0.0.1', new Headers({ 'x-forwarded-for': '203.0.113.7' }))).toBe(
			false
		);
	});
});
