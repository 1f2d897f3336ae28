import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/database';
import { getDb } from '../db';
import { rateLimit } from '../db/schema';
import { hit, limits, peek, prune, reset } from './rate-limit';

const limit = { name: 'test', max: 3, windowMs: 60_000 };
const t0 = Date.parse('2026-03-01T00:00:00Z');

beforeEach(async () => {
	await useTestDatabase();
});

describe('rate limits', () => {
	it('allows max attempts per window, then refuses with the seconds until the window resets', async () => {
		const allowed = [];
		for (let i = 0; i < 3; i++) allowed.push((await hit(getDb(), limit, '10.0.0.1', t0)).allowed);
		expect(allowed).toEqual([true, true, true]);
		const refused = await hit(getDb(), limit, '10.0.0.1', t0 + 20_000);
		expect(refused).toMatchObject({ allowed: false, count: 4, retryAfterS: 40 });
		// another subject has its own count
		expect((await hit(getDb(), limit, '10.0.0.2', t0)).allowed).toBe(true);
	});

	it('counts every one of many attempts at once: none is lost, no two get the same count', async () => {
		const states = await Promise.all(
			Array.from({ length: 12 }, () => hit(getDb(), limit, 'burst', t0))
		);
		expect(states.map((s) => s.count).sort((a, b) => a - b)).toEqual(
			Array.from({ length: 12 }, (_, i) => i + 1)
		);
		expect(states.filter((s) => s.allowed)).toHaveLength(limit.max);
	});

	it('starts a new window once the old one has passed', async () => {
		for (let i = 0; i < 5; i++) await hit(getDb(), limit, 'a', t0);
		expect(await hit(getDb(), limit, 'a', t0 + 60_000)).toMatchObject({ allowed: true, count: 1 });
	});

	it('peeks without counting and resets on demand', async () => {
		await hit(getDb(), limit, 'b', t0);
		await hit(getDb(), limit, 'b', t0);
		expect(await peek(getDb(), limit, 'b', t0)).toMatchObject({ allowed: true, count: 3 });
		await hit(getDb(), limit, 'b', t0);
		expect((await peek(getDb(), limit, 'b', t0)).allowed).toBe(false);
		await reset(getDb(), limit, 'b');
		expect((await peek(getDb(), limit, 'b', t0)).allowed).toBe(true);
	});

	it('stores hashed keys, never the phone or address', async () => {
		await hit(getDb(), limit, '13900000001', t0);
		const rows = await getDb().select().from(rateLimit);
		expect(rows[0].key).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(rows)).not.toContain('13900000001');
		await prune(getDb(), t0 + 60_000);
		expect(await getDb().select().from(rateLimit)).toHaveLength(0);
	});

	it('reads its limits from the environment', async () => {
		process.env.LOGIN_LIMIT_PER_IP = '7';
		expect(limits.loginAddress().max).toBe(7);
		process.env.LOGIN_LIMIT_PER_IP = 'lots';
		expect(limits.loginAddress().max).toBe(60);
		delete process.env.LOGIN_LIMIT_PER_IP;
	});
});
