import type { CoverageEngine } from '../../src/lib/geo/engine';
import {
	agreesWithReference,
	nearestOf,
	ReferenceNetwork,
	referenceDistances
} from '../../src/lib/geo/fixtures/reference';
import type { LngLat } from '../../src/lib/geo/types';
import { formatMs, record, timeOnce } from './harness';

/** The walk the check covers: 20 minutes at the standard speed, beyond every tier the portal shows. */
const cutoffM = 1500;

/**
 * The engine's matrix against the brute-force reference (src/lib/geo/fixtures/reference.ts) on a
 * sample of residences: every (residence, category) pair of the sample, a fixed stride through the
 * city so that runs compare. Prints the disagreements; the figure is how many there were.
 */
export function checkExactness(
	lines: readonly LngLat[][],
	engine: CoverageEngine,
	pairsWanted: number
): number {
	const { ms: referenceMs, result: reference } = timeOnce(() => new ReferenceNetwork(lines));
	const matrix = engine.computeMatrix({ cutoffM });
	const categories = engine.categories;
	const facilityJoins = engine.facilities.map((facility) => reference.joins(facility.point));
	const byCategory = categories.map((category) =>
		engine.facilities.flatMap((facility, i) => (facility.category === category ? [i] : []))
	);
	const residencesWanted = Math.min(
		engine.residences.length,
		Math.ceil(pairsWanted / categories.length)
	);
	const stride = engine.residences.length / residencesWanted;
	let pairs = 0;
	let worstM = 0;
	const disagreements: string[] = [];
	const { ms: checkMs } = timeOnce(() => {
		for (let k = 0; k < residencesWanted; k++) {
			const r = Math.floor(k * stride);
			const residence = engine.residences[r];
			const ranges = referenceDistances(reference, residence.point, facilityJoins, cutoffM + 10);
			byCategory.forEach((indices, c) => {
				pairs++;
				const engineM = matrix.nearestDistanceM[r * categories.length + c];
				const range = nearestOf(ranges, indices);
				// the largest difference from the one exact distance, where no two streets tie
				const exact = range.lowM === range.highM && Number.isFinite(range.lowM);
				if (exact && Number.isFinite(engineM))
					worstM = Math.max(worstM, Math.abs(engineM - range.lowM));
				if (!agreesWithReference(engineM, range, cutoffM)) {
					disagreements.push(
						`  residence ${residence.id} ${categories[c]}: engine ${engineM.toFixed(1)} m, exact ${range.lowM.toFixed(1)}–${range.highM.toFixed(1)} m`
					);
				}
			});
		}
	});
	for (const line of disagreements.slice(0, 20)) console.log(line);
	record(
		'exactness: sampled pairs against brute force',
		`${disagreements.length} of ${pairs}`,
		'0',
		`within ${cutoffM} m; largest difference where both agree ${worstM.toFixed(3)} m; reference built in ${formatMs(referenceMs)}, checked in ${formatMs(checkMs)}`
	);
	return disagreements.length;
}
