import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/seeded-random';
import { clusterGaps, type GapResidence } from './gaps';

/** Single linkage the slow way: every pair compared, areas grown by search. */
function bruteForce(residences: GapResidence[], linkM: number): number[][] {
	const kx = 111_195 * Math.cos((residences[0].point[1] * Math.PI) / 180);
	const near = (a: GapResidence, b: GapResidence) =>
		a.group === b.group &&
		Math.hypot((a.point[0] - b.point[0]) * kx, (a.point[1] - b.point[1]) * 111_195) <= linkM;
	const seen = new Set<number>();
	const areas: number[][] = [];
	residences.forEach((_, start) => {
		if (seen.has(start)) return;
		const area = [start];
		seen.add(start);
		for (let k = 0; k < area.length; k++)
			residences.forEach((r, j) => {
				if (!seen.has(j) && near(residences[area[k]], r)) {
					seen.add(j);
					area.push(j);
				}
			});
		areas.push(area.map((i) => residences[i].index).sort((a, b) => a - b));
	});
	return areas.sort((a, b) => a[0] - b[0]);
}

describe('clusterGaps', () => {
	it('equals single linkage by brute force on random cities, dense clumps and sparse edges included', () => {
		for (let seed = 1; seed <= 30; seed++) {
			const random = seededRandom(seed);
			const residences: GapResidence[] = Array.from({ length: 300 }, (_, index) => {
				// a third in a few tight clumps (many homes within one cell), the rest spread over 5 km
				const clump = index % 3 === 0;
				const spread = clump ? 0.002 : 0.05;
				const centre = clump ? (index % 4) * 0.01 : 0;
				return {
					index,
					point: [98.2 + centre + random() * spread, 39.7 + centre + random() * spread],
					households: 1,
					elderly: 0,
					children: 0,
					group: random() < 0.8 ? 'a' : 'b'
				};
			});
			const linkM = [50, 300, 700][seed % 3];
			const fast = clusterGaps(residences, linkM)
				.map((c) => [...c.members].sort((a, b) => a - b))
				.sort((a, b) => a[0] - b[0]);
			expect(fast, `seed ${seed}`).toEqual(bruteForce(residences, linkM));
		}
	});
});
