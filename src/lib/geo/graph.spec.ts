import { describe, expect, it } from 'vitest';
import { offsetM } from './fixtures/city';
import { buildWalkingNetwork } from './graph';
import { haversineM } from './projection';
import { buildSegmentIndex, snapPoint } from './snap';

describe('walking network graph', () => {
	it('keeps every vertex of a long street crossed by many (a junction ends one edge and starts the next)', () => {
		// one street of 11 positions, each interior one a junction with a cross street
		const street = Array.from({ length: 11 }, (_, i) => offsetM(100 * i, 0));
		const crossings = street.slice(1, -1).map((p, i) => [p, offsetM(100 * (i + 1), 80)]);
		const network = buildWalkingNetwork([street, ...crossings]);
		expect(network.edgeCount).toBe(10 + 9);
		// the street's 10 edges have 2 vertices each, the cross streets' 9 edges too
		expect(network.vertexLng.length).toBe(2 * 19);
		for (let e = 0; e < network.edgeCount; e++) {
			expect(network.edgeLengthM[e]).toBeGreaterThan(70);
			expect(network.edgeLengthM[e]).toBeLessThan(110);
		}
	});

	it('merges shared coordinates into one junction and measures edges geodesically', () => {
		const a = offsetM(0, 0);
		const b = offsetM(100, 0);
		const c = offsetM(100, 100);
		const network = buildWalkingNetwork([
			[a, b],
			[b, c]
		]);
		expect(network.nodeCount).toBe(3);
		expect(network.edgeCount).toBe(2);
		expect(network.edgeLengthM[0]).toBeCloseTo(haversineM(...a, ...b), 6);
		expect(network.edgeLengthM[0]).toBeCloseTo(100, 0);
		expect(network.componentCount).toBe(1);
	});

	it('keeps unshared interior vertices as geometry, not junctions, and sums their segments', () => {
		const line = [offsetM(0, 0), offsetM(50, 0), offsetM(50, 50)];
		const network = buildWalkingNetwork([line]);
		expect(network.nodeCount).toBe(2);
		expect(network.edgeCount).toBe(1);
		expect(network.edgeLengthM[0]).toBeCloseTo(100, 0);
	});

	it('splits a line where another line ends on one of its interior vertices', () => {
		const network = buildWalkingNetwork([
			[offsetM(0, 0), offsetM(50, 0), offsetM(100, 0)],
			[offsetM(50, 0), offsetM(50, 80)]
		]);
		expect(network.nodeCount).toBe(4);
		expect(network.edgeCount).toBe(3);
	});

	it('knows its connected components', () => {
		const network = buildWalkingNetwork([
			[offsetM(0, 0), offsetM(100, 0)],
			[offsetM(1000, 0), offsetM(1100, 0)],
			[offsetM(1100, 0), offsetM(1100, 100)]
		]);
		expect(network.componentCount).toBe(2);
		expect(network.componentOf[0]).not.toBe(network.componentOf[2]);
	});

	it('refuses coordinates outside WGS84 ranges', () => {
		expect(() =>
			buildWalkingNetwork([
				[
					[500000, 4400000],
					[500100, 4400000]
				]
			])
		).toThrow(/WGS84/);
	});
});

describe('snapping to the nearest edge', () => {
	const network = buildWalkingNetwork([
		[offsetM(0, 0), offsetM(100, 0), offsetM(200, 0)],
		[offsetM(200, 0), offsetM(200, 300)]
	]);
	const segments = buildSegmentIndex(network);

	it('projects onto the edge and reports the off-network leg and both partial lengths', () => {
		const snapped = snapPoint(segments, offsetM(60, 30));
		expect(snapped).not.toBeNull();
		expect(snapped!.offNetworkM).toBeCloseTo(30, 0);
		expect(snapped!.toFromM).toBeCloseTo(60, 0);
		expect(snapped!.toToM).toBeCloseTo(140, 0);
		expect(snapped!.toFromM + snapped!.toToM).toBeCloseTo(network.edgeLengthM[snapped!.edge], 6);
	});

	it('snaps a point on an interior vertex with no off-network leg', () => {
		const snapped = snapPoint(segments, offsetM(100, 0))!;
		expect(snapped.offNetworkM).toBeLessThan(0.01);
		expect(snapped.toFromM).toBeCloseTo(100, 0);
	});

	it("snaps a point at an edge's end to partial length zero", () => {
		const snapped = snapPoint(segments, offsetM(200, 300))!;
		expect(snapped.offNetworkM).toBeLessThan(0.01);
		expect(Math.min(snapped.toFromM, snapped.toToM)).toBeLessThan(0.01);
	});

	it('reports a point beyond the snap limit as unreachable instead of snapping it', () => {
		expect(snapPoint(segments, offsetM(100, 900))).toBeNull();
		expect(snapPoint(segments, offsetM(100, 900), 800)).not.toBeNull();
		expect(snapPoint(segments, offsetM(100, 150), 90)).toBeNull();
	});
});
