import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScripts } from './compile-scripts.js';
import { demoCityInput } from './bench/coverage';
import { toCsv } from '../src/lib/server/csv';
import { createCoverageEngine } from '../src/lib/geo/coverage';
import { randomNetwork } from '../src/lib/geo/fixtures/random-network';
import type { Facility, LngLat, Residence } from '../src/lib/geo/types';
import { categoryCoverage } from '../src/lib/geo/view';
import { walkingDistanceM } from '../src/lib/geo/walking';

/**
 * The coverage CLI as `npm run coverage` runs it: compiled to JavaScript (scripts/compile-scripts.js,
 * here into a directory of this run), on node without tsx.
 */
const run = promisify(execFile);
const root = new URL('../', import.meta.url).pathname;
const fixture = (name: string) => join(root, 'tests/fixtures/geo', name);
// inside the project, so that the compiled scripts find node_modules
const workDirectory = join(root, 'tests/output', `cli-spec-${process.pid}`);
const compiledDirectory = join(workDirectory, 'scripts');

beforeAll(async () => {
	mkdirSync(workDirectory, { recursive: true });
	await compileScripts(compiledDirectory);
}, 60_000);
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

async function coverageCli(args: string[]) {
	try {
		const { stdout, stderr } = await run(
			process.execPath,
			[join(compiledDirectory, 'coverage-cli.js'), ...args],
			{ cwd: root, maxBuffer: 1 << 24 }
		);
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

interface City {
	lines: LngLat[][];
	facilities: Facility[];
	residences: Residence[];
}

/** The city as the CLI's three input files, written with `format` (JSON.stringify's indent). */
function writeCity(city: City, name: string, indent?: number): string[] {
	const directory = join(workDirectory, name);
	mkdirSync(directory, { recursive: true });
	const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });
	const files = {
		roads: collection(
			city.lines.map((coordinates) => ({
				type: 'Feature',
				properties: {},
				geometry: { type: 'LineString', coordinates }
			}))
		),
		services: collection(
			city.facilities.map((f) => ({
				type: 'Feature',
				// key order varies: the reader must not depend on it
				geometry: { coordinates: f.point, type: 'Point' },
				properties: { category: f.category, id: f.id }
			}))
		),
		residences: collection(
			city.residences.map((r) => ({
				type: 'Feature',
				properties: { id: r.id, households: r.households ?? null, elderly: r.elderly },
				geometry: { type: 'Point', coordinates: r.point }
			}))
		)
	};
	return Object.entries(files).flatMap(([kind, content]) => {
		const path = join(directory, `${kind}.geojson`);
		writeFileSync(path, JSON.stringify(content, null, indent));
		return [`--${kind}`, path];
	});
}

/** The CSV the engine's own API gives (what the CLI wrote before it was rebuilt on flat arrays). */
function engineCsv(city: City, minutes: number, speedMps: number): string {
	const engine = createCoverageEngine({
		network: city.lines,
		facilities: city.facilities,
		residences: city.residences
	});
	const matrix = engine.computeMatrix({ cutoffM: walkingDistanceM(minutes, speedMps) });
	const view = { speedMps, defaultTierMinutes: minutes };
	const rows = city.residences.flatMap((residence, r) =>
		engine.categories.map((_, c) => {
			const entry = categoryCoverage(matrix, city.facilities, r, c, view);
			const within = entry.within;
			return [
				residence.id,
				entry.category,
				within ? (entry.nearestId ?? '') : '',
				within ? entry.distanceM!.toFixed(1) : '',
				within ? entry.minutes!.toFixed(2) : '',
				within ? '1' : '0'
			];
		})
	);
	const header = ['residence_id', 'category', 'nearest_id', 'distance_m', 'minutes', 'within'];
	return toCsv(header, rows, { bom: false, newline: '\n' }) + '\n';
}

describe('coverage CLI for planners (compiled)', () => {
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

	it('exits non-zero with a clear message (no stack trace) on malformed input, writing nothing', async () => {
		const out = join(workDirectory, 'never.csv');
		const cases: [string[], RegExp][] = [
			[inputs('services-missing-category.geojson'), /missing "category"/],
			[inputs('services.geojson', 'roads-projected.geojson'), /outside WGS84 ranges/],
			[inputs('services.geojson', 'not-geojson.geojson'), /not valid JSON/],
			[[...inputs(), '--threads', '0'], /--threads must be/]
		];
		for (const [args, message] of cases) {
			const result = await coverageCli([...args, '--out', out]);
			expect(result.code).not.toBe(0);
			expect(result.stderr).toMatch(message);
			expect(result.stderr).not.toMatch(/\n\s+at /);
			expect(existsSync(out)).toBe(false);
		}
		const noOut = await coverageCli(inputs());
		expect(noOut.stderr).toMatch(/missing --out/);
	});

	it('writes the output whole or not at all: a failed write leaves the old file and no partial one', async () => {
		const place = join(workDirectory, 'whole');
		mkdirSync(place, { recursive: true });
		// a directory where the output should go: the rows are written, the last step fails
		const blocked = join(place, 'blocked.csv');
		mkdirSync(blocked, { recursive: true });
		const failed = await coverageCli([...inputs(), '--out', blocked]);
		expect(failed.code).not.toBe(0);
		expect(failed.stderr).toMatch(/^coverage: cannot write .*blocked\.csv/);
		expect(failed.stderr).not.toMatch(/\n\s+at /);
		// a good run replaces an older output and leaves nothing beside it
		const out = join(place, 'coverage.csv');
		writeFileSync(out, 'an older run\n');
		const result = await coverageCli([...inputs(), '--out', out]);
		expect(result.code).toBe(0);
		expect(readFileSync(out, 'utf8')).toMatch(/^residence_id,category,/);
		expect(readdirSync(place).sort()).toEqual(['blocked.csv', 'coverage.csv']);
	});

	it('refuses hostile files (empty, not JSON, NaN, huge numbers, deep nesting) with a message, writing nothing', async () => {
		const out = join(workDirectory, 'hostile.csv');
		const hostile = join(workDirectory, 'hostile');
		mkdirSync(hostile, { recursive: true });
		const point = (coordinates: string, properties = '{"id":"h1","households":3}') =>
			`{"type":"FeatureCollection","features":[{"type":"Feature","properties":${properties},` +
			`"geometry":{"type":"Point","coordinates":${coordinates}}}]}`;
		const files: Record<string, string> = {
			empty: '',
			text: 'this is not JSON at all',
			nan: point('[NaN,39.7]'),
			huge: point('[1e400,39.7]'),
			bigCount: point('[98.28,39.78]', '{"id":"h1","households":1e400}'),
			deep: '['.repeat(200_000) + ']'.repeat(200_000),
			deepObject: '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)
		};
		for (const [name, text] of Object.entries(files)) {
			const file = join(hostile, `${name}.geojson`);
			writeFileSync(file, text);
			for (const flag of ['--roads', '--services', '--residences']) {
				const args = inputs();
				args[args.indexOf(flag) + 1] = file;
				const result = await coverageCli([...args, '--out', out]);
				expect(result.code, `${name} as ${flag}`).not.toBe(0);
				expect(result.stderr, `${name} as ${flag}`).toMatch(/^coverage: \S/);
				expect(result.stderr, `${name} as ${flag}`).not.toMatch(/\n\s+at /);
				expect(existsSync(out), `${name} as ${flag}`).toBe(false);
			}
		}
	}, 120_000);

	it('gives the engine’s CSV on the demo city, on one thread and on three', async () => {
		const city: City = demoCityInput(1);
		const files = writeCity(city, 'demo');
		const expected = engineCsv(city, 15, 1.2);
		// many times the writer's 64 KB piece, so the streamed output crosses piece boundaries
		expect(expected.length).toBeGreaterThan(4 << 16);
		for (const threads of ['1', '3']) {
			const out = join(workDirectory, `demo-${threads}.csv`);
			const result = await coverageCli([...files, '--threads', threads, '--out', out]);
			expect(result.code, result.stderr).toBe(0);
			expect(readFileSync(out, 'utf8')).toBe(expected);
		}
	}, 120_000);

	it('gives the engine’s CSV on random networks, one thread or several alike', async () => {
		for (const seed of [11, 12, 13]) {
			const city = randomNetwork({ seed, towns: 3, latitudeSpreadDeg: 4 });
			// ids a spreadsheet would run as formulas are neutralised as the shared writer does
			city.facilities[0].id = '=HYPERLINK("x")';
			city.residences[0].id = '-2+3, "quoted"';
			const files = writeCity(city, `random-${seed}`, seed % 2 ? 2 : undefined);
			const expected = engineCsv(city, 10, 1.2);
			for (const threads of ['1', '2', '4']) {
				const out = join(workDirectory, `random-${seed}-${threads}.csv`);
				const result = await coverageCli([
					...files,
					'--minutes',
					'10',
					'--threads',
					threads,
					'--out',
					out
				]);
				expect(result.code, result.stderr).toBe(0);
				expect(readFileSync(out, 'utf8'), `seed ${seed}, ${threads} threads`).toBe(expected);
			}
		}
	}, 120_000);
});
