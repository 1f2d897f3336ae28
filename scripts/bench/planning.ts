import type { CoverageEngine } from '../../src/lib/geo/engine';
import { standardSpeedMps } from '../../src/lib/geo/types';
import { whatIfGain } from '../../src/lib/geo/whatif';
import { bestSites } from '../../src/lib/server/planning/best-sites';
import { formatMs, medianMs, record, timeOnce } from './harness';

/**
 * The planning view's what-if on the benchmark city: one new point answered incrementally, and
 * the best 5 new sites for one category by lazy greedy search, beside the same run's full
 * recompute with the point added (withFacility + computeMatrix).
 */
export function benchmarkPlanning(
	engine: CoverageEngine,
	category = 'meal',
	tierMinutes = 5
): void {
	const matrix = engine.computeMatrix();
	const c = engine.categories.indexOf(category);
	const limitM = tierMinutes * 60 * standardSpeedMps;
	const uncovered = engine.residences.filter(
		(_, r) => matrix.nearestDistanceM[r * engine.categories.length + c] > limitM
	);
	const stride = Math.max(1, Math.floor(uncovered.length / 40));
	const sites = Array.from(
		{ length: 40 },
		(_, i) => uncovered[(i * stride) % uncovered.length].point
	);

	const whatIfMs = medianMs(sites.length, (i) => {
		const result = engine.whatIf(matrix, { id: 'new', category, point: sites[Math.max(i, 0)] });
		return whatIfGain(engine.residences, matrix, result, tierMinutes);
	});
	const rebuildMs = medianMs(3, (i) =>
		engine.withFacility({ id: 'new', category, point: sites[Math.max(i, 0)] }).computeMatrix()
	);
	record(
		'what-if: one new point (incremental + gain)',
		formatMs(whatIfMs),
		'≤ 200 ms',
		`median of ${sites.length}; ${(rebuildMs / whatIfMs).toFixed(0)}× faster than the full recompute`
	);
	record(
		'baseline: full recompute with the point',
		formatMs(rebuildMs),
		'',
		'withFacility + computeMatrix, median of 3'
	);

	const maxCandidates = 3000;
	const candidateStride = Math.max(1, Math.ceil(uncovered.length / maxCandidates));
	const candidates = uncovered.filter((_, i) => i % candidateStride === 0).map((r) => r.point);
	const { ms: bestMs, result } = timeOnce(() =>
		bestSites(engine, matrix, { category, tierMinutes, candidates, k: 5 })
	);
	const gained = result.sites.reduce((sum, s) => sum + s.standard.elderly, 0);
	record(
		`best 5 new sites (${category})`,
		formatMs(bestMs),
		'≤ 10 s',
		`${candidates.length} candidates, ${result.evaluations} evaluations, +${gained} elders; ${(bestMs / rebuildMs).toFixed(1)}× one full recompute`
	);
}
