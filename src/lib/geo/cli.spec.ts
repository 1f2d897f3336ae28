import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const fixture = (name: string) => join(root, 'tests/fixtures/geo', name);
const workDirectory = mkdtempSync(join(tmpdir(), 'lifecircle-cli-'));

async function coverageCli(args: string[]) {
	try {
		const { stdout, stderr } = await run('npx', ['tsx', 'scripts/coverage-cli.ts', ...args], {
			cwd: root
		});
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

const inputs = (services = 'services.geojson', roads = 'roads.geojson') => [
	'--roads',
	fixture(roads),
	'--services',
	fixture(services),
	'--residences',
	fixture('residences.geojson')
];

describe('coverage CLI for planners', () => {
	it('writes the long CSV with one row per residence and category, and a summary', async () => {
		const out = join(workDirectory, 'coverage.csv');
		const result = await coverageCli([...inputs(), '--minutes', '15', '--out', out]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/meal\s+66\.7% of residences/);
		const rows = readFileSync(out, 'utf8').trim().split('\n');
		expect(rows[0]).toBe('residence_id,category,nearest_id,distance_m,minutes,within');
		expect(rows).toHaveLength(1 + 3 * 2);
		expect(rows).toContain('home-2,clinic,,,,0');
		const [, , nearest, distance, minutes, within] = rows[1].split(',');
		expect(nearest).toBe('meal-1');
		expect(Number(minutes)).toBeCloseTo(Number(distance) / 1.2 / 60, 1);
		expect(within).toBe('1');
	});

	it('writes residence points with per-category properties as GeoJSON, at a given speed', async () => {
		const out = join(workDirectory, 'coverage.geojson');
		const result = await coverageCli([
			...inputs(),
			'--speed',
			'0.9',
			'--minutes',
			'5',
			'--out',
			out
		]);
		expect(result.code).toBe(0);
		const geojson = JSON.parse(readFileSync(out, 'utf8'));
		expect(geojson.features).toHaveLength(3);
		expect(geojson.features[0].properties.meal_within).toBe(true);
		expect(geojson.features[0].properties.clinic_within).toBe(false);
	});

	it('exits non-zero with a clear message on malformed input', async () => {
		const out = join(workDirectory, 'never.csv');
		const missing = await coverageCli([
			...inputs('services-missing-category.geojson'),
			'--out',
			out
		]);
		expect(missing.code).not.toBe(0);
		expect(missing.stderr).toMatch(/missing "category"/);
		const projected = await coverageCli([
			...inputs('services.geojson', 'roads-projected.geojson'),
			'--out',
			out
		]);
		expect(projected.stderr).toMatch(/outside WGS84 ranges/);
		const notGeoJson = await coverageCli([
			...inputs('services.geojson', 'not-geojson.geojson'),
			'--out',
			out
		]);
		expect(notGeoJson.stderr).toMatch(/not valid JSON/);
		const noOut = await coverageCli(inputs());
		expect(noOut.stderr).toMatch(/missing --out/);
	});
});
