import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';

const now = Date.parse('2026-11-26T02:00:00Z');
const { getDb, transaction, useDatabase } = await import('../db');
const { openDemoDatabase } = await import('../testing/demo-database');
const { servicePoint } = await import('../db/schema');
const { coverageState, coverageSummary, isochrones, residenceCoverage } = await import('./index');
const { parseIsochroneQuery } = await import('./params');

// a ceiling, not a wait: the run's demo city may be seeded here or in another worker meanwhile (~5 s;
// far longer on PostgreSQL when two cores are shared with other work)
beforeAll(async () => {
	useDatabase((await openDemoDatabase(now, 'coverage')).db);
}, 300_000);

describe('coverage from the database', () => {
	it('gives every residence its nearest point per category, within tier by walking minutes', async () => {
		const coverage = (await residenceCoverage(getDb(), 1, 1.2))!;
		expect(coverage.method).toBe('network');
		expect(coverage.categories.map((c) => c.category)).toEqual([
			'meal',
			'childcare',
			'clinic',
			'legal',
			'elderly_care',
			'fitness',
			'culture',
			'convenience'
		]);
		for (const row of coverage.categories) {
			if (row.minutes === null) continue;
			expect(row.minutes).toBeCloseTo(row.distanceM! / 1.2 / 60, 0);
			expect(row.within).toBe(row.distanceM! <= row.tierMinutes * 60 * 1.2);
			if (row.secondDistanceM !== null)
				expect(row.secondDistanceM).toBeGreaterThanOrEqual(row.distanceM!);
		}
	});

	it('takes longer at the elderly speed, and never covers more', async () => {
		const standard = (await residenceCoverage(getDb(), 5, 1.2))!;
		const elderly = (await residenceCoverage(getDb(), 5, 0.9))!;
		standard.categories.forEach((row, i) => {
			if (row.minutes === null) return;
			expect(elderly.categories[i].minutes! / row.minutes).toBeCloseTo(1.2 / 0.9, 1);
			if (elderly.categories[i].within) expect(row.within).toBe(true);
		});
		const summary = await coverageSummary(getDb());
		summary.city.standard.forEach((row, i) => {
			expect(summary.city.elderly[i].householdsCovered).toBeLessThanOrEqual(row.householdsCovered);
			expect(row.householdsCovered).toBeLessThanOrEqual(row.households);
		});
		expect(summary.communities).toHaveLength(48);
	});

	it('answers null for an unknown residence', async () => {
		expect(await residenceCoverage(getDb(), 999_999, 1.2)).toBeNull();
	});

	it('rebuilds when a service point is deactivated', async () => {
		const before = (await residenceCoverage(getDb(), 1, 1.2))!.categories.find(
			(c) => c.category === 'meal'
		)!;
		const version = (await coverageState(getDb())).version;
		await transaction(getDb(), (tx) =>
			tx
				.update(servicePoint)
				.set({ active: false, updatedAt: new Date() })
				.where(eq(servicePoint.id, before.nearestId!))
		);
		const after = (await residenceCoverage(getDb(), 1, 1.2))!.categories.find(
			(c) => c.category === 'meal'
		)!;
		expect((await coverageState(getDb())).version).not.toBe(version);
		expect(after.nearestId).not.toBe(before.nearestId);
		expect(after.distanceM!).toBeGreaterThanOrEqual(before.distanceM!);
	});

	it('draws 5, 10 and 15 minute bands from a home, small enough for the wire', async () => {
		const home = (await coverageState(getDb())).source.residences[0].point;
		const bands = await isochrones(getDb(), home, 15, 0.9);
		expect(bands.features.map((f) => f.properties.minutes).sort((a, b) => a - b)).toEqual([
			5, 10, 15
		]);
		expect(JSON.stringify(bands).length).toBeLessThan(50_000);
		expect((await isochrones(getDb(), home, 5, 1.2)).features).toHaveLength(1);
	});
});

describe('isochrone query validation', () => {
	const parse = (query: string) => parseIsochroneQuery(new URLSearchParams(query));

	it('accepts a point, minutes and a speed', () => {
		expect(parse('lat=39.78&lng=98.29&minutes=10&speed=elderly')).toEqual({
			ok: true,
			value: { point: [98.29, 39.78], minutes: 10, speedMps: 0.9 }
		});
		expect(parse('lat=39.78&lng=98.29')).toMatchObject({ ok: true, value: { minutes: 15 } });
	});

	// every malformed parameter is invalid_input (the one code for bad input); the message says which
	it.each([
		['lat=91&lng=98', m.error_bad_lat_lng()],
		['lat=abc&lng=98', m.error_bad_lat_lng()],
		['lng=98', m.error_bad_lat_lng()],
		['lat=39&lng=98&minutes=7', m.error_bad_minutes()],
		['lat=39&lng=98&minutes=15.0', m.error_bad_minutes()],
		['lat=39&lng=98&speed=9', m.error_bad_speed()],
		['lat=39&lng=98&speed=fast', m.error_bad_speed()]
	])('refuses %s', (query, message) => {
		expect(parse(query)).toMatchObject({ ok: false, code: 'invalid_input', message });
	});
});
