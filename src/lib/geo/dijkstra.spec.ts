import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NearestTwoSearch, ShortestPathTree } from './dijkstra';
import { offsetM } from './fixtures/city';
import { buildWalkingNetwork } from './graph';
import type { WalkingNetwork } from './network';
import type { LngLat } from './types';

/** Random small graphs: streets between points of a 5 × 5 lattice, so endpoints are shared. */
const smallNetworks = fc
	.array(fc.tuple(fc.nat(24), fc.nat(24)), { minLength: 1, maxLength: 30 })
	.map((pairs) => {
		const lattice = (k: number): LngLat => offsetM((k % 5) * 70 + k * 3, Math.floor(k / 5) * 90);
		return pairs.filter(([a, b]) => a !== b).map(([a, b]) => [lattice(a), lattice(b)]);
	})
	.filter((lines) => lines.length > 0)
	.map((lines) => buildWalkingNetwork(lines));

function floydWarshall(network: WalkingNetwork): Float64Array[] {
	const n = network.nodeCount;
	const d = Array.from({ length: n }, (_, i) => {
		const row = new Float64Array(n).fill(Infinity);
		row[i] = 0;
		return row;
	});
	for (let e = 0; e < network.edgeCount; e++) {
		const a = network.edgeFrom[e];
		const b = network.edgeTo[e];
		d[a][b] = Math.min(d[a][b], network.edgeLengthM[e]);
		d[b][a] = Math.min(d[b][a], network.edgeLengthM[e]);
	}
	for (let k = 0; k < n; k++)
		for (let i = 0; i < n; i++)
			for (let j = 0; j < n; j++) if (d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
	return d;
}

describe('multi-source Dijkstra', () => {
	it('gives every node the distance to its nearest source, as Floyd–Warshall does', () => {
		fc.assert(
			fc.property(
				smallNetworks,
				fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
				(network, picks) => {
					const sources = picks.map((p) => p % network.nodeCount);
					const all = floydWarshall(network);
					const tree = new ShortestPathTree(network);
					tree.begin();
					sources.forEach((node, s) => tree.seed(node, 0, s, Infinity));
					tree.run(Infinity);
					for (let v = 0; v < network.nodeCount; v++) {
						const expected = Math.min(...sources.map((s) => all[s][v]));
						if (expected === Infinity) expect(tree.distanceM[v]).toBe(Infinity);
						else expect(tree.distanceM[v]).toBeCloseTo(expected, 6);
					}
				}
			),
			{ numRuns: 150 }
		);
	});

	it('respects the cut-off: nothing beyond it is reached', () => {
		fc.assert(
			fc.property(smallNetworks, fc.integer({ min: 0, max: 400 }), (network, cutoffM) => {
				const all = floydWarshall(network);
				const tree = new ShortestPathTree(network);
				tree.begin();
				tree.seed(0, 0, 0, cutoffM);
				tree.run(cutoffM);
				for (let v = 0; v < network.nodeCount; v++) {
					const expected = all[0][v] <= cutoffM ? all[0][v] : Infinity;
					if (expected === Infinity) expect(tree.distanceM[v]).toBe(Infinity);
					else expect(tree.distanceM[v]).toBeCloseTo(expected, 6);
				}
			}),
			{ numRuns: 100 }
		);
	});

	it('finds the nearest and the second-nearest distinct source for every node', () => {
		fc.assert(
			fc.property(
				smallNetworks,
				fc.array(fc.tuple(fc.nat(), fc.nat(300)), { minLength: 1, maxLength: 6 }),
				// a finite cut-off runs the bucket queue, an infinite one the heap
				fc.constantFrom(Infinity, 100_000),
				(network, picks, cutoffM) => {
					// sources sit at nodes with an initial offset (like an off-network leg)
					const sources = picks.map(([p, offM]) => ({ node: p % network.nodeCount, offM }));
					const all = floydWarshall(network);
					const search = new NearestTwoSearch(network);
					search.begin(cutoffM);
					sources.forEach(({ node, offM }, s) => search.offer(node, offM, s, cutoffM));
					search.run(cutoffM);
					for (let v = 0; v < network.nodeCount; v++) {
						const ranked = sources
							.map(({ node, offM }) => offM + all[node][v])
							.sort((a, b) => a - b);
						const expectFirst = ranked[0] ?? Infinity;
						const expectSecond = ranked[1] ?? Infinity;
						expect(search.labelDistanceM[2 * v]).toBeCloseTo(expectFirst, 6);
						if (expectSecond === Infinity) expect(search.labelDistanceM[2 * v + 1]).toBe(Infinity);
						else expect(search.labelDistanceM[2 * v + 1]).toBeCloseTo(expectSecond, 6);
						if (expectFirst < Infinity) {
							const s = search.labelSource[2 * v];
							expect(sources[s].offM + all[sources[s].node][v]).toBeCloseTo(expectFirst, 6);
							expect(search.labelSource[2 * v + 1]).not.toBe(s);
						}
					}
				}
			),
			{ numRuns: 300 }
		);
	});
});
