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
 * With groups (communities), areas never cross a boundary: each gap has one community to act.
 * Cells of linkM/√2 a side: every residence of a cell is within linkM of every other, so a cell is
 * joined at once; two cells within reach are compared only while they are not yet joined, pair by
 * pair until one pair is close enough. Near-linear even where thousands of homes stand close
 * together (a big city's uncovered homes).
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
	const union = (a: number, b: number) => {
		const ra = find(a);
		const rb = find(b);
		if (ra !== rb) parent[ra] = rb;
	};
	const side = linkM / Math.SQRT2;
	const cellKey = (group: string, cx: number, cy: number) => `${group}|${cx}|${cy}`;
	const cells = new Map<string, { cx: number; cy: number; group: string; members: number[] }>();
	xy.forEach(([x, y], i) => {
		const group = residences[i].group ?? '';
		const cx = Math.floor(x / side);
		const cy = Math.floor(y / side);
		const key = cellKey(group, cx, cy);
		const cell = cells.get(key);
		if (cell) {
			cell.members.push(i);
			union(i, cell.members[0]);
		} else cells.set(key, { cx, cy, group, members: [i] });
	});
	const linkSquared = linkM * linkM;
	const close = (i: number, j: number) => {
		const ex = xy[j][0] - xy[i][0];
		const ey = xy[j][1] - xy[i][1];
		return ex * ex + ey * ey <= linkSquared;
	};
	for (const a of cells.values()) {
		// cells up to two apart can hold residences within linkM; each pair of cells looked at once
		for (let dx = 0; dx <= 2; dx++) {
			for (let dy = -2; dy <= 2; dy++) {
				if (dx === 0 && dy <= 0) continue;
				const b = cells.get(cellKey(a.group, a.cx + dx, a.cy + dy));
				if (!b || find(a.members[0]) === find(b.members[0])) continue;
				search: for (const i of a.members)
					for (const j of b.members)
						if (close(i, j)) {
							union(i, j);
							break search;
						}
			}
		}
	}
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
