import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/database';
import { getDb } from '../db';
import { rateLimit } from '../db/schema';
import { hit, limits, peek, prune, reset } from './rate-limit';

const limit = { name: 'test', max: 3, windowMs: 60_000 };
const t0 = Date.parse('2026-03-01T00:00:00Z');

beforeEach(() => {
	useTestDatabase();
});

describe('rate limits', () => {
	it('allows max attempts per window, then refuses with the seconds until the window resets', () => {
		expect([1, 2, 3].map(() => hit(getDb(), limit, '10.0.0.1', t0).allowed)).toEqual([
			true,
			true,
			true
		]);
		const refused = hit(getDb(), limit, '10.0.0.1', t0 + 20_000);
		expect(refused).toMatchObject({ allowed: false, count: 4, retryAfterS: 40 });
		// another subject has its own count
		expect(hit(getDb(), limit, '10.0.0.2', t0).allowed).toBe(true);
	});

	it('starts a new window once the old one has passed', () => {
		for (let i = 0; i < 5; i++) hit(getDb(), limit, 'a', t0);
		expect(hit(getDb(), limit, 'a', t0 + 60_000)).toMatchObject({ allowed: true, count: 1 });
	});

	it('peeks without counting and resets on demand', () => {
		hit(getDb(), limit, 'b', t0);
		hit(getDb(), limit, 'b', t0);
		expect(peek(getDb(), limit, 'b', t0)).toMatchObject({ allowed: true, count: 3 });
		hit(getDb(), limit, 'b', t0);
		expect(peek(getDb(), limit, 'b', t0).allowed).toBe(false);
		reset(getDb(), limit, 'b');
		expect(peek(getDb(), limit, 'b', t0).allowed).toBe(true);
	});

	it('stores hashed keys, never the phone or address', () => {
		hit(getDb(), limit, '13900000001', t0);
		const rows = getDb().select().from(rateLimit).all();
		expect(rows[0].key).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(rows)).not.toContain('13900000001');
		prune(getDb(), t0 + 60_000);
		expect(getDb().select().from(rateLimit).all()).toHaveLength(0);
	});

	it('reads its limits from the environment', () => {
		process.env.LOGIN_LIMIT_PER_IP = '7';
		expect(limits.loginAddress().max).toBe(7);
		process.env.LOGIN_LIMIT_PER_IP = 'lots';
		expect(limits.loginAddress().max).toBe(60);
		delete process.env.LOGIN_LIMIT_PER_IP;
	});
});
