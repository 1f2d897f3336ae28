import { createCoverageEngine } from '../../src/lib/geo/coverage';
import type { CoverageEngine } from '../../src/lib/geo/engine';
import { buildWalkingNetwork } from '../../src/lib/geo/graph';
import { haversineM } from '../../src/lib/geo/projection';
import type { Facility, LngLat, Residence } from '../../src/lib/geo/types';
import { generateDemoCity } from '../../src/lib/server/demo/index';
import { formatMs, medianMs, peakRssMb, record, timeOnce } from './harness';

interface CityInput {
	lines: LngLat[][];
	facilities: Facility[];
	residences: Residence[];
}

export function demoCityInput(scale: number): CityInput {
	const city = generateDemoCity({ scale });
	return {
		lines: city.network.map((edge) => edge.coordinates),
		facilities: city.servicePoints.map((point) => ({
			id: point.key,
			category: point.categoryCode,
			point: point.point
		})),
		residences: city.residences.map((residence) => ({
			id: residence.key,
			point: residence.point,
			households: residence.households,
			elderly: residence.elderly60plus,
			children: residence.children0to3
		}))
	};
}

/** The naive baseline: every residence against every facility, straight line, nearest per category. */
function naiveStraightLineMatrix(input: CityInput, categories: readonly string[]): Float64Array {
	const categoryOf = Int32Array.from(input.facilities, (f) => categories.indexOf(f.category));
	const nearest = new Float64Array(input.residences.length * categories.length).fill(Infinity);
	input.residences.forEach((residence, r) => {
		const [lng, lat] = residence.point;
		input.facilities.forEach((facility, f) => {
			const distanceM = haversineM(lng, lat, facility.point[0], facility.point[1]);
			const slot = r * categories.length + categoryOf[f];
			if (distanceM < nearest[slot]) nearest[slot] = distanceM;
		});
	});
	return nearest;
}

export function benchmarkCity(scale: number, withBaseline: boolean): CoverageEngine {
	const { ms: generateMs, result: input } = timeOnce(() => demoCityInput(scale));
	const population = `${input.residences.length} residences, ${input.facilities.length} services`;
	record('demo city generation', formatMs(generateMs), '', population);
	const { ms: graphMs, result: network } = timeOnce(() => buildWalkingNetwork(input.lines));
	record(
		'graph build',
		formatMs(graphMs),
		'',
		`${input.lines.length} lines → ${network.nodeCount} nodes, ${network.edgeCount} edges, ${network.componentCount} components`
	);
	const { ms: snapMs, result: engine } = timeOnce(() =>
		createCoverageEngine({ network, facilities: input.facilities, residences: input.residences })
	);
	record('segment index + snapping', formatMs(snapMs), '', 'all residences and services');
	const { ms: firstMs, result: matrix } = timeOnce(() => engine.computeMatrix());
	const matrixMs = medianMs(3, () => engine.computeMatrix());
	const target = scale >= 3 ? '≤ 300 ms' : '≤ 50 ms';
	record(
		'coverage matrix (all residences × categories)',
		formatMs(matrixMs),
		target,
		`median of 3; first run ${formatMs(firstMs)}; cut-off ${matrix.cutoffM} m, nearest + second`
	);
	if (withBaseline) {
		const { ms: naiveMs } = timeOnce(() => naiveStraightLineMatrix(input, engine.categories));
		record(
			'baseline: naive all-pairs straight line',
			formatMs(naiveMs),
			'',
			`engine is ${(naiveMs / matrixMs).toFixed(0)}× faster (and walks the streets)`
		);
	}
	return engine;
}

function randomOrigins(engine: CoverageEngine, count: number): LngLat[] {
	// residences are where people ask from; a fixed stride keeps runs comparable
	const stride = Math.max(1, Math.floor(engine.residences.length / count));
	return Array.from(
		{ length: count },
		(_, i) => engine.residences[(i * stride) % engine.residences.length].point
	);
}

export function benchmarkQueries(engine: CoverageEngine): void {
	const origins = randomOrigins(engine, 50);
	let bytes = 0;
	const isochroneMs = medianMs(origins.length, (i) => {
		const bands = engine.isochrones(origins[Math.max(i, 0)], { minutes: [15] });
		if (i >= 0) bytes = Math.max(bytes, JSON.stringify(bands.features[0] ?? {}).length);
	});
	record(
		'one 15-minute isochrone',
		formatMs(isochroneMs),
		'≤ 10 ms',
		`median of 50; largest ${(bytes / 1024).toFixed(1)} KB GeoJSON`
	);
	const bandsMs = medianMs(origins.length, (i) => engine.isochrones(origins[Math.max(i, 0)]));
	record('5/10/15 bands together', formatMs(bandsMs), '', 'median of 50');
	const matrix = engine.computeMatrix();
	const category = engine.categories[0];
	const whatIfMs = medianMs(20, (i) =>
		engine.whatIf(matrix, { id: 'new', category, point: origins[Math.max(i, 0)] })
	);
	record('what-if: one new point', formatMs(whatIfMs), '', `median of 20, category ${category}`);
	const pathMs = medianMs(20, (i) =>
		engine.walkingPath(origins[Math.max(i, 0)], engine.facilities[(i + 1) * 7].id)
	);
	record('walking path to a facility', formatMs(pathMs), '', 'median of 20');
	record('peak RSS', `${peakRssMb().toFixed(0)} MB`, '≤ 1024 MB', 'whole process so far');
}
