import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScripts } from './compile-scripts.js';
import { fromWgs84 } from '../src/lib/geo/datum';
import { haversineM } from '../src/lib/geo/projection';
import type { LngLat } from '../src/lib/geo/types';

/**
 * `npm run import:network -- FILE --coordinates gcj02|bd09`: a network drawn on AMap or Baidu, saved
 * by a Chinese Windows program as GB18030, is read and converted to WGS84 (issue 20, item 8); and
 * `npm run coverage -- … --coordinates bd09` reads planners' files in Baidu's system. Run compiled,
 * as npm runs them.
 */
const run = promisify(execFile);
const root = new URL('../', import.meta.url).pathname;
const workDirectory = join(root, 'tests/output', `import-network-spec-${process.pid}`);
const compiledDirectory = join(workDirectory, 'scripts');

/**
 * Published values (wandergis/coordtransform and its ports) for the input (116.404, 39.915):
 * read as BD-09 it is WGS84 (116.3913837, 39.9072532); read as GCJ-02 (116.3977555, 39.9135957).
 */
const input = [116.404, 39.915];
const fromBd09 = [116.3913836995125, 39.907253214522164];
const fromGcj02 = [116.39775550083061, 39.91359571849836];

function networkFile(name: string): string {
	const geojson = {
		type: 'FeatureCollection',
		features: [
			{
				type: 'Feature',
				properties: { name: '胜利路' },
				geometry: { type: 'LineString', coordinates: [input, [116.405, 39.915]] }
			}
		]
	};
	// GB18030 bytes, as a Chinese Windows program saves them: 胜利路 (written by Python's codec)
	// is not valid UTF-8
	const [before, after] = JSON.stringify(geojson).split('胜利路');
	const path = join(workDirectory, name);
	writeFileSync(
		path,
		Buffer.concat([Buffer.from(before), Buffer.from('caa4c0fbc2b7', 'hex'), Buffer.from(after)])
	);
	return path;
}

async function importNetwork(args: string[], script = 'import-network.js') {
	try {
		const { stderr } = await run(process.execPath, [join(compiledDirectory, script), ...args], {
			cwd: root
		});
		return { code: 0, stderr };
	} catch (error) {
		const failed = error as { code: number; stderr: string };
		return { code: failed.code, stderr: failed.stderr };
	}
}

beforeAll(async () => {
	mkdirSync(workDirectory, { recursive: true });
	await compileScripts(compiledDirectory);
}, 60_000);
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

describe('import-network --coordinates', () => {
	it('reads a GB18030 file and converts BD-09 and GCJ-02 points to WGS84 within 1 m of the published values', async () => {
		const file = networkFile('baidu.geojson');
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file))).toThrow();
		for (const [datum, expected] of [
			['bd09', fromBd09],
			['gcj02', fromGcj02],
			['wgs84', input]
		] as const) {
			const out = join(workDirectory, `${datum}.out.geojson`);
			const result = await importNetwork([file, '--coordinates', datum, '--out', out]);
			expect(result.code, result.stderr).toBe(0);
			const written = JSON.parse(readFileSync(out, 'utf8'));
			const [lng, lat] = written.features[0].geometry.coordinates[0];
			expect(haversineM(lng, lat, expected[0], expected[1])).toBeLessThan(1);
		}
	}, 60_000);

	it('refuses an unknown coordinate system and a file that is not text, writing nothing', async () => {
		const file = networkFile('bad.geojson');
		const out = join(workDirectory, 'never.geojson');
		const unknown = await importNetwork([file, '--coordinates', 'mercator', '--out', out]);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('--coordinates must be one of wgs84, gcj02, bd09');
		const binary = join(workDirectory, 'binary.geojson');
		writeFileSync(binary, Buffer.from([0x7b, 0xff, 0xfe, 0x81, 0x20]));
		const notText = await importNetwork([binary, '--out', out]);
		expect(notText.code).toBe(1);
		expect(notText.stderr).toContain('neither UTF-8 nor GB18030');
		expect(() => readFileSync(out)).toThrow();
	}, 60_000);
});

describe('coverage --coordinates', () => {
	const fixture = (name: string) => join(root, 'tests/fixtures/geo', name);

	/** A fixture with every position moved into `datum` (as AMap or Baidu would give it). */
	function shifted(name: string, datum: 'gcj02' | 'bd09'): string {
		const shift = (value: unknown): unknown =>
			Array.isArray(value) && typeof value[0] === 'number'
				? fromWgs84(value as LngLat, datum)
				: Array.isArray(value)
					? value.map(shift)
					: value;
		const geojson = JSON.parse(readFileSync(fixture(name), 'utf8'));
		for (const feature of geojson.features)
			feature.geometry.coordinates = shift(feature.geometry.coordinates);
		const path = join(workDirectory, `${datum}-${name}`);
		writeFileSync(path, JSON.stringify(geojson));
		return path;
	}

	const rowsOf = (path: string) =>
		readFileSync(path, 'utf8')
			.trim()
			.split(/\r?\n/)
			.map((line) => line.split(','));

	it('gives the same walking distances from files in BD-09 as from the same files in WGS84', async () => {
		const names = ['roads.geojson', 'services.geojson', 'residences.geojson'];
		const wgsOut = join(workDirectory, 'wgs84.csv');
		const baiduOut = join(workDirectory, 'bd09.csv');
		const [roads, services, residences] = ['--roads', '--services', '--residences'];
		const wgs = await importNetwork(
			[
				roads,
				fixture(names[0]),
				services,
				fixture(names[1]),
				residences,
				fixture(names[2]),
				'--out',
				wgsOut
			],
			'coverage-cli.js'
		);
		expect(wgs.code, wgs.stderr).toBe(0);
		const baiduFiles = names.map((n) => shifted(n, 'bd09'));
		const args = [roads, baiduFiles[0], services, baiduFiles[1], residences, baiduFiles[2]];
		// without the flag the shifted files give other distances (the test can tell)
		const unflagged = await importNetwork([...args, '--out', baiduOut], 'coverage-cli.js');
		expect(unflagged.code, unflagged.stderr).toBe(0);
		expect(rowsOf(baiduOut)).not.toEqual(rowsOf(wgsOut));
		const flagged = await importNetwork(
			[...args, '--coordinates', 'bd09', '--out', baiduOut],
			'coverage-cli.js'
		);
		expect(flagged.code, flagged.stderr).toBe(0);
		const expected = rowsOf(wgsOut);
		const actual = rowsOf(baiduOut);
		expect(actual[0]).toEqual(expected[0]);
		const distance = expected[0].indexOf('distance_m');
		expect(actual.length).toBe(expected.length);
		actual.slice(1).forEach((row, i) => {
			const want = expected[i + 1];
			expect(row.filter((_, c) => c !== distance)).toEqual(want.filter((_, c) => c !== distance));
			expect(Math.abs(Number(row[distance]) - Number(want[distance]))).toBeLessThan(0.5);
		});
		const bad = await importNetwork(
			[...args, '--coordinates', 'gps', '--out', baiduOut],
			'coverage-cli.js'
		);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('--coordinates must be one of wgs84, gcj02, bd09');
	}, 60_000);
});
