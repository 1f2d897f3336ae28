/**
 * `npm run coverage -- --roads R.geojson --services S.geojson --residences H.geojson
 *   [--speed M_PER_S] [--minutes 15] [--threads N] [--coordinates wgs84|gcj02|bd09] [--timings]
 *   --out OUT.csv|OUT.geojson`
 * Per-residence walking coverage for planners with their own GIS data (DESIGN.md "Contracts").
 * --coordinates names the input files' coordinate system (default wgs84; gcj02: AMap/Tencent;
 * bd09: Baidu): every position is converted to WGS84 as it is read, so a GeoJSON output is WGS84.
 *
 * Built for a province on one machine: the files are read from their bytes into flat typed arrays
 * (no object per feature), the matrix's per-category searches run on worker threads sharing the
 * graph (--threads N, at most one per category; 1 = none; default: see defaultThreads), and the
 * output is written in a stream. --timings prints each phase's milliseconds on stderr.
 */
import {
	closeSync,
	openSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeSync
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { buildFlatWalkingNetwork } from '../src/lib/geo/graph';
import type { FlatLines } from '../src/lib/geo/geojson-scan';
import { parseNetworkBytes, parsePointBytes } from '../src/lib/geo/import';
import { computeNetworkMatrix, type CoverageMatrix, type MatrixInput } from '../src/lib/geo/matrix';
import { bucketByEdge } from '../src/lib/geo/prepared';
import { buildSegmentIndex, defaultMaxSnapDistanceM, snapCoordinates } from '../src/lib/geo/snap';
import { standardSpeedMps } from '../src/lib/geo/types';
import {
	coordinateDatums,
	isCoordinateDatum,
	toWgs84,
	type CoordinateDatum
} from '../src/lib/geo/datum';
import { summarizeCoverageOf } from '../src/lib/geo/view';
import { walkingDistanceM, walkingMinutes } from '../src/lib/geo/walking';
import { toCsv } from '../src/lib/server/csv';
import { MatrixThreads } from './coverage-threads';

interface CliOptions {
	roads: string;
	services: string;
	residences: string;
	out: string;
	speedMps: number;
	minutes: number;
	threads: number;
	timings: boolean;
	datum: CoordinateDatum;
}

function readOptions(argv: string[]): CliOptions {
	const values: Record<string, string> = {};
	const flags = new Set<string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(arg)}`);
		if (arg === '--timings') {
			flags.add('timings');
			continue;
		}
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
	const threads = Number(values.threads ?? defaultThreads(values.roads));
	if (!(speedMps > 0 && speedMps < 5)) throw new Error('--speed must be metres per second, 0–5');
	if (!(minutes > 0 && minutes <= 120)) throw new Error('--minutes must be 1–120');
	if (!(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
		throw new Error('--threads must be a whole number, 1–64');
	}
	const datum = values.coordinates ?? 'wgs84';
	if (!isCoordinateDatum(datum))
		throw new Error(`--coordinates must be one of ${coordinateDatums.join(', ')}`);
	return {
		roads: values.roads,
		services: values.services,
		residences: values.residences,
		out: values.out,
		speedMps,
		minutes,
		threads,
		timings: flags.has('timings'),
		datum
	};
}

/**
 * Worker threads pay for themselves only on a big matrix (each starts in tens of milliseconds and
 * gets its own search arrays): by default one per core when the roads file is over 50 MB (a
 * province: seconds of matrix), else none.
 */
function defaultThreads(roads: string): number {
	try {
		return statSync(roads).size > 50e6 ? availableParallelism() : 1;
	} catch {
		return 1; // read() says why
	}
}

function read(path: string): Buffer {
	try {
		return readFileSync(path);
	} catch (error) {
		throw new Error(`cannot read ${path}: ${(error as Error).message}`);
	}
}

/**
 * Positions given in `datum`, converted to WGS84 in place: lng[i], lat[i] for every i a multiple of
 * `step` (the network's interleaved array is passed as itself and itself shifted by one, step 2).
 */
function convertToWgs84(
	datum: CoordinateDatum,
	lng: Float64Array,
	lat: Float64Array,
	step = 1
): void {
	if (datum === 'wgs84') return;
	for (let i = 0; i < lat.length; i += step) {
		const [x, y] = toWgs84([lng[i], lat[i]], datum);
		lng[i] = x;
		lat[i] = y;
	}
}

function optionalCount(value: unknown, where: string): number {
	if (value === undefined || value === null || value === '') return NaN;
	const count = Number(value);
	if (!Number.isFinite(count) || count < 0) throw new Error(`${where}: not a count: ${value}`);
	return count;
}

function countColumn(ids: readonly string[], values: readonly unknown[], name: string) {
	return Float64Array.from(ids, (id, r) => optionalCount(values[r], `residence ${id} ${name}`));
}

const started = performance.now();
let lapStarted = started;
const laps: string[] = [];
function lap(what: string): void {
	const now = performance.now();
	laps.push(`${what} ${Math.round(now - lapStarted)} ms`);
	lapStarted = now;
}

async function main(argv: string[]): Promise<void> {
	const options = readOptions(argv);
	const cutoffM = walkingDistanceM(options.minutes, options.speedMps);
	// workers start now, loading their code while the files are read
	const threads: MatrixThreads | null = options.threads > 1 ? startThreads(options.threads) : null;
	try {
		const lines = parseNetworkBytes(read(options.roads), options.roads);
		const services = parsePointBytes(
			read(options.services),
			'services',
			['category'],
			['category']
		);
		const residences = parsePointBytes(read(options.residences), 'residences', [
			'households',
			'elderly'
		]);
		convertToWgs84(options.datum, lines.coordinates, lines.coordinates.subarray(1), 2);
		convertToWgs84(options.datum, services.lng, services.lat);
		convertToWgs84(options.datum, residences.lng, residences.lat);
		const households = countColumn(residences.ids, residences.properties.households, 'households');
		const elderly = countColumn(residences.ids, residences.properties.elderly, 'elderly');
		lap('read');
		const input = prepareMatrixInput(lines, services, residences);
		lap('snap');
		const matrix = threads
			? await threads.computeMatrix(input, cutoffM, laps)
			: computeNetworkMatrix(input, cutoffM);
		lap(`matrix (${threads ? `${threads.size} threads` : 'main thread'})`);
		const { categories } = input;
		const facilityIds = services.ids;
		writeCoverage(options.out, matrix, residences, facilityIds, options);
		lap('write');
		console.log(
			`${residences.ids.length} residences, ${services.ids.length} services, ${categories.length} categories; ` +
				`within ${options.minutes} min at ${options.speedMps} m/s (${Math.round(cutoffM)} m walking)`
		);
		const counts: { households?: number; elderly?: number } = {};
		const view = { speedMps: options.speedMps, defaultTierMinutes: options.minutes };
		const summaries = summarizeCoverageOf(
			matrix,
			(r) => {
				counts.households = Number.isNaN(households[r]) ? undefined : households[r];
				counts.elderly = Number.isNaN(elderly[r]) ? undefined : elderly[r];
				return counts;
			},
			view,
			residences.ids.keys()
		);
		for (const summary of summaries) {
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
		if (unreachable > 0) {
			console.log(
				`  ${unreachable} residences are more than ${defaultMaxSnapDistanceM} m from any road`
			);
		}
		console.log(`wrote ${options.out}`);
		if (options.timings) {
			console.error(
				`timings: ${laps.join(', ')}; total ${Math.round(performance.now() - started)} ms`
			);
		}
	} finally {
		await threads?.close();
	}
}

/**
 * The network, its segment index and the snapped points, reduced to what the matrix reads: the
 * vertices and the index (most of the memory) are garbage once this returns.
 */
function prepareMatrixInput(lines: FlatLines, services: Points, residences: Points): MatrixInput {
	const network = buildFlatWalkingNetwork(lines);
	lap('network');
	const segments = buildSegmentIndex(network);
	const facilityCategories = services.properties.category.map(String);
	const categories = [...new Set(facilityCategories)];
	const facilitySnap = snapCoordinates(segments, services.lng, services.lat);
	const residenceSnap = snapCoordinates(segments, residences.lng, residences.lat);
	const { nodeCount, edgeFrom, edgeTo, edgeLengthM } = network;
	const { adjacencyStart, adjacencyTarget, adjacencyWeightM } = network;
	return {
		network: {
			...{ nodeCount, edgeFrom, edgeTo, edgeLengthM },
			...{ adjacencyStart, adjacencyTarget, adjacencyWeightM }
		},
		categories,
		facilityCategory: Int32Array.from(facilityCategories, (c) => categories.indexOf(c)),
		facilitySnap,
		residenceSnap,
		facilitiesByEdge: bucketByEdge(network.edgeCount, facilitySnap.edge)
	};
}

function startThreads(size: number): MatrixThreads {
	// compiled: build/scripts/coverage-worker.js beside this file; under tsx: the TypeScript source
	const compiled = !import.meta.url.endsWith('.ts');
	const worker = new URL(
		compiled ? './coverage-worker.js' : './coverage-worker.ts',
		import.meta.url
	);
	return new MatrixThreads(worker, size);
}

/**
 * Writes a file in pieces of about 64 KB, so that no output string grows with the city. The pieces go
 * to a temporary file beside the output, renamed over it only when complete: a run that fails half
 * way (a full disk, a killed process) leaves the previous output as it was, never a truncated one.
 */
class StreamWriter {
	private readonly fd: number;
	private readonly partial: string;
	private pending: string[] = [];
	private pendingLength = 0;

	constructor(private readonly path: string) {
		this.partial = `${path}.partial-${process.pid}`;
		try {
			this.fd = openSync(this.partial, 'w');
		} catch (error) {
			throw new Error(`cannot write ${path}: ${(error as Error).message}`);
		}
	}

	write(text: string): void {
		this.pending.push(text);
		this.pendingLength += text.length;
		if (this.pendingLength >= 1 << 16) this.flush();
	}

	private flush(): void {
		if (this.pending.length === 0) return;
		writeSync(this.fd, this.pending.join(''));
		this.pending = [];
		this.pendingLength = 0;
	}

	/** The whole output written: it takes the output's name. */
	close(): void {
		this.flush();
		closeSync(this.fd);
		try {
			renameSync(this.partial, this.path);
		} catch (error) {
			rmSync(this.partial, { force: true });
			throw new Error(`cannot write ${this.path}: ${(error as Error).message}`);
		}
	}

	/** Something failed: the partial file goes, the output's name is left untouched. */
	abandon(): void {
		try {
			closeSync(this.fd);
		} finally {
			rmSync(this.partial, { force: true });
		}
	}
}

/**
 * A text cell as the shared CSV writer writes it (ids come from the planner's own files: it
 * neutralises any that read as a formula); plain ids, the usual case, need no quoting at all.
 */
const plainCell = /^[A-Za-z0-9_][A-Za-z0-9_.:/#]*$/;
function csvCell(value: string): string {
	return plainCell.test(value)
		? value
		: toCsv(['x'], [[value]], { bom: false, newline: '\n' }).slice(2);
}

type Points = ReturnType<typeof parsePointBytes>;

/** The CSV (long: one row per residence and category) or GeoJSON (one point per residence). */
function writeCoverage(
	path: string,
	matrix: CoverageMatrix,
	residences: Points,
	facilityIds: readonly string[],
	{ speedMps, minutes }: CliOptions
): void {
	const tierM = walkingDistanceM(minutes, speedMps);
	const writer = new StreamWriter(path);
	const within = (slot: number) =>
		matrix.nearestFacility[slot] >= 0 && matrix.nearestDistanceM[slot] <= tierM;
	const output: Output = { writer, matrix, residences, facilityIds, speedMps, within };
	try {
		if (path.toLowerCase().endsWith('.csv')) writeCsvRows(output);
		else writeGeoJsonFeatures(output);
	} catch (error) {
		writer.abandon();
		throw error;
	}
	writer.close();
}

interface Output {
	writer: StreamWriter;
	matrix: CoverageMatrix;
	residences: Points;
	facilityIds: readonly string[];
	speedMps: number;
	/** whether the slot's nearest facility is within the tier */
	within: (slot: number) => boolean;
}

function writeCsvRows({ writer, matrix, residences, facilityIds, speedMps, within }: Output): void {
	const categories = matrix.categories.map(csvCell);
	const facilityCells = new Map<number, string>();
	writer.write('residence_id,category,nearest_id,distance_m,minutes,within\n');
	const categoryCount = categories.length;
	for (let r = 0; r < residences.ids.length; r++) {
		const id = csvCell(residences.ids[r]);
		let rows = '';
		for (let c = 0; c < categoryCount; c++) {
			const slot = r * categoryCount + c;
			if (!within(slot)) {
				rows += `${id},${categories[c]},,,,0\n`;
				continue;
			}
			const nearest = matrix.nearestFacility[slot];
			const distanceM = matrix.nearestDistanceM[slot];
			let cell = facilityCells.get(nearest);
			if (cell === undefined) facilityCells.set(nearest, (cell = csvCell(facilityIds[nearest])));
			rows +=
				`${id},${categories[c]},${cell},${distanceM.toFixed(1)},` +
				`${walkingMinutes(distanceM, speedMps).toFixed(2)},1\n`;
		}
		writer.write(rows);
	}
}

function writeGeoJsonFeatures({
	writer,
	matrix,
	residences,
	facilityIds,
	speedMps,
	within
}: Output): void {
	const categoryCount = matrix.categories.length;
	writer.write('{"type":"FeatureCollection","features":[');
	for (let r = 0; r < residences.ids.length; r++) {
		const properties: Record<string, string | number | boolean | null> = {
			id: residences.ids[r]
		};
		matrix.categories.forEach((category, c) => {
			const slot = r * categoryCount + c;
			const found = within(slot);
			const distanceM = matrix.nearestDistanceM[slot];
			properties[`${category}_nearest_id`] = found
				? facilityIds[matrix.nearestFacility[slot]]
				: null;
			properties[`${category}_distance_m`] = found ? Math.round(distanceM * 10) / 10 : null;
			properties[`${category}_minutes`] = found
				? Math.round(walkingMinutes(distanceM, speedMps) * 100) / 100
				: null;
			properties[`${category}_within`] = found;
		});
		const feature = {
			type: 'Feature',
			properties,
			geometry: { type: 'Point', coordinates: [residences.lng[r], residences.lat[r]] }
		};
		writer.write((r > 0 ? ',' : '') + JSON.stringify(feature));
	}
	writer.write(']}');
}

main(process.argv.slice(2)).catch((error: unknown) => {
	console.error(`coverage: ${(error as Error).message}`);
	process.exit(1);
});
