import { describe, expect, it } from 'vitest';
import { Buckets, clientKey } from './buckets';

describe('per-client budget of server time', () => {
	it('lets a client spend its burst, then refuses it until the debt is refilled', () => {
		const buckets = new Buckets({ msPerSecond: 100, burstMs: 300 });
		expect(buckets.check('a', 0)).toEqual({ allowed: true });
		buckets.spend('a', 250, 0);
		expect(buckets.check('a', 0)).toEqual({ allowed: true });
		// a costly answer overdraws: 50 - 250 = -200 ms, 100 ms per second refills it in 2 s
		buckets.spend('a', 250, 0);
		expect(buckets.check('a', 0)).toEqual({ allowed: false, retryAfterS: 3 });
		expect(buckets.check('a', 1500)).toEqual({ allowed: false, retryAfterS: 1 });
		expect(buckets.check('a', 2100)).toEqual({ allowed: true });
		// others are not affected
		expect(buckets.check('b', 0)).toEqual({ allowed: true });
	});

	it('owes at most one burst, however costly one answer was', () => {
		const buckets = new Buckets({ msPerSecond: 100, burstMs: 300 });
		buckets.spend('a', 60_000, 0);
		expect(buckets.check('a', 0)).toEqual({ allowed: false, retryAfterS: 4 });
		expect(buckets.check('a', 3100).allowed).toBe(true);
	});

	it('gives back what an estimate taken in advance overstated', () => {
		const buckets = new Buckets({ msPerSecond: 100, burstMs: 300 });
		// three answers start at once, 100 ms reserved for each: the bucket is empty for a fourth
		for (let i = 0; i < 3; i++) buckets.spend('a', 100, 0);
		expect(buckets.check('a', 0).allowed).toBe(false);
		// they took 10 ms each
		for (let i = 0; i < 3; i++) buckets.spend('a', 10 - 100, 0);
		expect(buckets.check('a', 0).allowed).toBe(true);
		buckets.spend('a', 269, 0);
		expect(buckets.check('a', 0).allowed).toBe(true);
		buckets.spend('a', 1, 0);
		expect(buckets.check('a', 0).allowed).toBe(false);
	});

	it('lets a client run a few answers at once, however full its bucket', () => {
		const buckets = new Buckets({ msPerSecond: 100, burstMs: 10_000, maxRunning: 2 });
		buckets.started('a');
		buckets.started('a');
		expect(buckets.check('a', 0)).toEqual({ allowed: false, retryAfterS: 1 });
		expect(buckets.check('b', 0).allowed).toBe(true);
		buckets.finished('a');
		expect(buckets.check('a', 0).allowed).toBe(true);
	});

	it('refills no further than the burst', () => {
		const buckets = new Buckets({ msPerSecond: 100, burstMs: 300 });
		buckets.spend('a', 10, 0);
		buckets.spend('a', 310, 3_600_000);
		expect(buckets.check('a', 3_600_000).allowed).toBe(false);
	});

	it('keeps a bounded number of buckets, forgetting refilled ones first', () => {
		const buckets = new Buckets({ msPerSecond: 100, burstMs: 300, maxClients: 100 });
		buckets.spend('heavy', 1000, 0);
		for (let i = 0; i < 500; i++) buckets.spend(`light-${i}`, 1, i);
		expect(buckets.size).toBeLessThanOrEqual(100);
		// the client in debt is remembered while many light ones come and go
		expect(buckets.check('heavy', 500).allowed).toBe(false);
	});

	it('gives an IPv6 /64 one bucket and every IPv4 address its own', () => {
		expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
		expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
		expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(clientKey('::1')).toBe('0:0:0:0::/64');
		expect(clientKey('2001:db8:1:3::1')).not.toBe(clientKey('2001:db8:1:2::1'));
	});
});
