/**
 * `npm run coverage -- --roads R.geojson --services S.geojson --residences H.geojson
 *   [--speed M_PER_S] [--minutes 15] --out OUT.csv|OUT.geojson`
 * Per-residence walking coverage for planners with their own GIS data (DESIGN.md "Contracts").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createCoverageEngine } from '../src/lib/geo/coverage';
import { parseGeoJsonPoints } from '../src/lib/geo/import-geojson';
import { parseNetwork } from '../src/lib/geo/import';
import { standardSpeedMps, type Facility, type Residence } from '../src/lib/geo/types';
import { categoryCoverage, summarizeCoverage, type CategoryCoverage } from '../src/lib/geo/view';
import { walkingDistanceM } from '../src/lib/geo/walking';
import { toCsv as writeCsv } from '../src/lib/server/csv';

interface CliOptions {
	roads: string;
	services: string;
	residences: string;
	out: string;
	speedMps: number;
	minutes: number;
}

function readOptions(argv: string[]): CliOptions {
	const values: Record<string, string> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(arg)}`);
		const value = argv[i + 1];
		if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
		values[arg.slice(2)] = value;
		i++;
	}
	for (const required of ['roads', 'services', 'residences', 'out']) {
		if (!values[required]) throw new Error(`missing --${required}`);
	}
	if (!/\.(csv|geojson|json)$/i.test(values.out)) {
		throw new Error('--out must end in .csv or .geojson');
	}
	const speedMps = Number(values.speed ?? standardSpeedMps);
	const minutes = Number(values.minutes ?? 15);
	if (!(speedMps > 0 && speedMps < 5)) throw new Error('--speed must be metres per second, 0–5');
	if (!(minutes > 0 && minutes <= 120)) throw new Error('--minutes must be 1–120');
	return {
		roads: values.roads,
		services: values.services,
		residences: values.residences,
		out: values.out,
		speedMps,
		minutes
	};
}

function read(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		throw new Error(`cannot read ${path}: ${(error as Error).message}`);
	}
}

function optionalCount(value: unknown, where: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const count = Number(value);
	if (!Number.isFinite(count) || count < 0) throw new Error(`${where}: not a count: ${value}`);
	return count;
}

function main(argv: string[]): void {
	const options = readOptions(argv);
	const lines = parseNetwork(read(options.roads), options.roads);
	const facilities: Facility[] = parseGeoJsonPoints(read(options.services), 'services', [
		'category'
	]).map(({ id, point, properties }) => ({ id, point, category: String(properties.category) }));
	const residences: Residence[] = parseGeoJsonPoints(read(options.residences), 'residences').map(
		({ id, point, properties }) => ({
			id,
			point,
			households: optionalCount(properties.households, `residence ${id} households`),
			elderly: optionalCount(properties.elderly, `residence ${id} elderly`)
		})
	);
	const cutoffM = walkingDistanceM(options.minutes, options.speedMps);
	const engine = createCoverageEngine({ network: lines, facilities, residences });
	const matrix = engine.computeMatrix({ cutoffM });
	const view = { speedMps: options.speedMps, defaultTierMinutes: options.minutes };
	const rows = residences.map((_, r) =>
		matrix.categories.map((_, c) => categoryCoverage(matrix, facilities, r, c, view))
	);
	writeFileSync(
		options.out,
		options.out.toLowerCase().endsWith('.csv')
			? toCsv(residences, rows)
			: JSON.stringify(toGeoJson(residences, rows))
	);
	console.log(
		`${residences.length} residences, ${facilities.length} services, ${engine.categories.length} categories; ` +
			`within ${options.minutes} min at ${options.speedMps} m/s (${Math.round(cutoffM)} m walking)`
	);
	for (const summary of summarizeCoverage(matrix, residences, view)) {
		const share = summary.residences ? (100 * summary.residencesCovered) / summary.residences : 0;
		const householdShare = summary.households
			? (100 * summary.householdsCovered) / summary.households
			: 0;
		console.log(
			`  ${summary.category.padEnd(14)} ${share.toFixed(1).padStart(5)}% of residences, ` +
				`${householdShare.toFixed(1).padStart(5)}% of households`
		);
	}
	const unreachable = matrix.residenceReachable.filter((reachable) => !reachable).length;
	if (unreachable > 0) console.log(`  ${unreachable} residences are more than 500 m from any road`);
	console.log(`wrote ${options.out}`);
}

/** Ids come from the planner's own files: the shared writer neutralises any that read as a formula. */
function toCsv(residences: readonly Residence[], rows: CategoryCoverage[][]): string {
	const data = residences.flatMap((residence, r) =>
		rows[r].map((entry) => {
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
	return writeCsv(header, data, { bom: false, newline: '\n' }) + '\n';
}

function toGeoJson(residences: readonly Residence[], rows: CategoryCoverage[][]) {
	return {
		type: 'FeatureCollection',
		features: residences.map((residence, r) => {
			const properties: Record<string, string | number | boolean | null> = { id: residence.id };
			for (const entry of rows[r]) {
				properties[`${entry.category}_nearest_id`] = entry.within ? entry.nearestId : null;
				properties[`${entry.category}_distance_m`] = entry.within
					? Math.round(entry.distanceM! * 10) / 10
					: null;
				properties[`${entry.category}_minutes`] = entry.within
					? Math.round(entry.minutes! * 100) / 100
					: null;
				properties[`${entry.category}_within`] = entry.within;
			}
			return {
				type: 'Feature',
				properties,
				geometry: { type: 'Point', coordinates: residence.point }
			};
		})
	};
}

try {
	main(process.argv.slice(2));
} catch (error) {
	console.error(`coverage: ${(error as Error).message}`);
	process.exit(1);
}
