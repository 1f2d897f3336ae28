import { describe, expect, it } from 'vitest';
import { cellRadius, tileCircles, tileOf, tilesInView } from './homes-layer';

/** a tile's west, south, east and north edges, the inverse of tileOf (slippy map numbering) */
function edges(x: number, y: number, z: number) {
	const n = 2 ** z;
	const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
	return {
		west: (x / n) * 360 - 180,
		east: ((x + 1) / n) * 360 - 180,
		south: lat(y + 1),
		north: lat(y)
	};
}

describe('homes layer tiles', () => {
	it('puts a point in the tile whose edges hold it, at every zoom the layer asks for', () => {
		for (let z = 9; z <= 18; z++) {
			for (const point of [
				[98.285, 39.785],
				[98.2, 39.7],
				[-0.1, 51.5],
				[151.2, -33.9]
			] as [number, number][]) {
				const [x, y] = tileOf(point, z);
				const e = edges(x, y, z);
				expect(point[0]).toBeGreaterThanOrEqual(e.west);
				expect(point[0]).toBeLessThan(e.east);
				expect(point[1]).toBeGreaterThan(e.south);
				expect(point[1]).toBeLessThanOrEqual(e.north);
			}
		}
	});

	it('covers a view with its tiles, and never asks for more than 64', () => {
		const view = tilesInView([98.2, 39.7], [98.4, 39.9], 12);
		const xs = view.map((t) => t.x);
		const ys = view.map((t) => t.y);
		expect(Math.min(...xs)).toBe(tileOf([98.2, 39.7], 12)[0]);
		expect(Math.max(...xs)).toBe(tileOf([98.4, 39.9], 12)[0]);
		expect(Math.min(...ys)).toBe(tileOf([98.4, 39.9], 12)[1]);
		expect(Math.max(...ys)).toBe(tileOf([98.2, 39.7], 12)[1]);
		expect(view.length).toBe(new Set(view.map((t) => `${t.x}/${t.y}`)).size);
		expect(tilesInView([90, 30], [110, 45], 12).length).toBe(64);
	});

	it('draws homes as small dots (black when uncovered) and cells as circles sized by their count', () => {
		const circles = tileCircles(
			{
				z: 12,
				x: 1,
				y: 1,
				total: 3,
				homes: [
					{ id: 1, name: 'A', point: [98, 39], households: 5, uncovered: true },
					{ id: 2, name: 'B', point: [98, 39], households: 5, uncovered: false }
				],
				cells: [{ point: [98, 39], homes: 400, uncovered: 0, households: 9 }]
			},
			{
				category: 'meal',
				which: 'all',
				homeLabel: (h) => `home ${h.name}`,
				cellLabel: (c) => `${c.homes} homes`
			}
		);
		expect(circles.map((c) => [c.label, c.fill])).toEqual([
			['400 homes', '#8a8a8a'],
			['home A', '#000'],
			['home B', '#8a8a8a']
		]);
		expect(cellRadius(1)).toBeLessThan(cellRadius(400));
		expect(cellRadius(1_000_000)).toBe(16);
	});
});
