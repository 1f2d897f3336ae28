import type { LngLat } from '../../geo/types';

/** A residence outside a category's tier, with the people it holds. */
export interface GapResidence {
	index: number;
	point: LngLat;
	households: number;
	elderly: number;
	children: number;
	/** residences link only within one group (e.g. a community), so each area has one owner */
	group?: string;
}

export interface GapCluster {
	members: number[];
	centre: LngLat;
	households: number;
	elderly: number;
	children: number;
}

const metresPerDegree = 111_195;

/**
 * Single-linkage clustering: residences closer than `linkM` (straight line) end in one area.
 * A grid of linkM cells means each residence is compared only with its 3 × 3 neighbourhood.
 * With groups (communities), areas never cross a boundary: each gap has one community to act.
 */
export function clusterGaps(residences: readonly GapResidence[], linkM = 300): GapCluster[] {
	if (residences.length === 0) return [];
	const lat0 = residences[0].point[1];
	const kx = metresPerDegree * Math.cos((lat0 * Math.PI) / 180);
	const xy = residences.map((r) => [r.point[0] * kx, r.point[1] * metresPerDegree]);
	const parent = residences.map((_, i) => i);
	const find = (i: number): number => {
		while (parent[i] !== i) i = parent[i] = parent[parent[i]];
		return i;
	};
	// numeric cell keys (a city spans far fewer than a million cells a side)
	const cellKey = (cx: number, cy: number) => cx * 1_048_576 + cy;
	const cells = new Map<number, number[]>();
	xy.forEach(([x, y], i) => {
		const key = cellKey(Math.floor(x / linkM), Math.floor(y / linkM));
		const list = cells.get(key);
		if (list) list.push(i);
		else cells.set(key, [i]);
	});
	const linkSquared = linkM * linkM;
	xy.forEach(([x, y], i) => {
		const cx = Math.floor(x / linkM);
		const cy = Math.floor(y / linkM);
		for (let dx = -1; dx <= 1; dx++) {
			for (let dy = -1; dy <= 1; dy++) {
				for (const j of cells.get(cellKey(cx + dx, cy + dy)) ?? []) {
					if (j <= i || residences[j].group !== residences[i].group) continue;
					const ex = xy[j][0] - x;
					const ey = xy[j][1] - y;
					if (ex * ex + ey * ey > linkSquared) continue;
					const a = find(j);
					const b = find(i);
					if (a !== b) parent[a] = b;
				}
			}
		}
	});
	const groups = new Map<number, number[]>();
	residences.forEach((_, i) => {
		const root = find(i);
		const list = groups.get(root);
		if (list) list.push(i);
		else groups.set(root, [i]);
	});
	return [...groups.values()].map((positions) => {
		const cluster: GapCluster = {
			members: positions.map((p) => residences[p].index),
			centre: [0, 0],
			households: 0,
			elderly: 0,
			children: 0
		};
		for (const p of positions) {
			const r = residences[p];
			cluster.households += r.households;
			cluster.elderly += r.elderly;
			cluster.children += r.children;
			cluster.centre[0] += r.point[0] / positions.length;
			cluster.centre[1] += r.point[1] / positions.length;
		}
		return cluster;
	});
}
