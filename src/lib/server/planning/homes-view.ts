import KDBush from 'kdbush';
import { walkingDistanceM } from '$lib/geo';
import type { Db } from '../db';
import { coverageState } from '../coverage';
import * as residences from '../directory/residences';
import { speeds, type SpeedName } from './coverage-view';
import { scopeKey, type PlanningScope } from './scope';
import type { HomeCell, HomesTile } from '$lib/homes-types';

// The planning maps' homes, a map tile at a time: a city of 600,000 homes is never sent whole. A
// tile (Web Mercator z/x/y, as map tiles are numbered) with few homes answers them one by one; a
// tile with more answers its homes counted in cells of a quarter tile side (64 px on screen),
// each at the mean position of its homes. Either way an answer has a bounded size.

/** at most this many single homes in one tile's answer; above it, cells */
export const homesPerTile = 500;
/** cells per tile side when the homes are counted (4 × 4 = at most 16 cells) */
export const cellsPerSide = 4;
export const minTileZoom = 9;
export const maxTileZoom = 18;

export type HomesWhich = 'all' | 'uncovered';

interface HomesIndex {
	key: string;
	ids: Int32Array;
	lng: Float64Array;
	lat: Float64Array;
	households: Int32Array;
	uncovered: Uint8Array;
	/** every home of the scope, and the uncovered ones only */
	all: KDBush;
	onlyUncovered: KDBush;
	uncoveredOrder: Int32Array;
}

/** the indexes of the last few (scope, category, speed) asked for, at one data version */
const indexes = new Map<string, HomesIndex>();
const keptIndexes = 6;

function point(id: number, lng: Float64Array, lat: Float64Array): [number, number] {
	return [lng[id], lat[id]];
}

async function homesIndex(
	db: Db,
	scope: PlanningScope,
	category: string,
	speed: SpeedName
): Promise<HomesIndex | null> {
	const state = await coverageState(db);
	const c = state.matrix.categories.indexOf(category);
	if (c < 0) return null;
	const key = `${state.version}|${scopeKey(scope)}|${category}|${speed}`;
	const known = indexes.get(key);
	if (known) return known;
	const limitM = walkingDistanceM(state.tierMinutesByCategory[category] ?? 15, speeds[speed]);
	const members = scope.communities.flatMap((x) => state.residencesByCommunity.get(x.code) ?? []);
	const n = members.length;
	const index: HomesIndex = {
		key,
		ids: new Int32Array(n),
		lng: new Float64Array(n),
		lat: new Float64Array(n),
		households: new Int32Array(n),
		uncovered: new Uint8Array(n),
		all: new KDBush(Math.max(1, n)),
		onlyUncovered: new KDBush(1),
		uncoveredOrder: new Int32Array(0)
	};
	const uncoveredOrder: number[] = [];
	members.forEach((r, i) => {
		const residence = state.source.residences[r];
		index.ids[i] = Number(residence.id);
		[index.lng[i], index.lat[i]] = residence.point;
		index.households[i] = residence.households ?? 1;
		const out = state.matrix.nearestDistanceM[r * state.matrix.categories.length + c] > limitM;
		index.uncovered[i] = out ? 1 : 0;
		if (out) uncoveredOrder.push(i);
		index.all.add(index.lng[i], index.lat[i]);
	});
	if (n === 0) index.all.add(0, 0);
	index.all.finish();
	index.uncoveredOrder = Int32Array.from(uncoveredOrder);
	index.onlyUncovered = new KDBush(Math.max(1, uncoveredOrder.length));
	for (const i of uncoveredOrder) index.onlyUncovered.add(index.lng[i], index.lat[i]);
	if (uncoveredOrder.length === 0) index.onlyUncovered.add(0, 0);
	index.onlyUncovered.finish();
	for (const old of indexes.keys()) {
		if (!old.startsWith(`${state.version}|`) || indexes.size >= keptIndexes) indexes.delete(old);
	}
	indexes.set(key, index);
	return index;
}

/** A Web Mercator tile's west, south, east and north edges in degrees. */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
	const n = 2 ** z;
	const lngOf = (tx: number) => (tx / n) * 360 - 180;
	const latOf = (ty: number) =>
		(Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
	return [lngOf(x), latOf(y + 1), lngOf(x + 1), latOf(y)];
}

/**
 * The homes of one tile in the scope (`which`: every home with its coverage of `category` at
 * `speed`, or only the homes outside the category's tier), one by one up to `homesPerTile`, else
 * counted per cell. Null for an unknown category.
 */
export async function homesInTile(
	db: Db,
	scope: PlanningScope,
	query: { category: string; speed: SpeedName; which: HomesWhich; z: number; x: number; y: number }
): Promise<HomesTile | null> {
	const index = await homesIndex(db, scope, query.category, query.speed);
	if (!index) return null;
	const { z, x, y } = query;
	const [west, south, east, north] = tileBounds(z, x, y);
	const uncoveredOnly = query.which === 'uncovered';
	const tree = uncoveredOnly ? index.onlyUncovered : index.all;
	const members = uncoveredOnly ? index.uncoveredOrder : null;
	// a home on a tile's edge belongs to the tile east or south of it, never to two
	const found = tree
		.range(west, south, east, north)
		.map((k) => (members ? members[k] : k))
		.filter((i) => i < index.ids.length && index.lng[i] < east && index.lat[i] > south);
	const tile: HomesTile = { z, x, y, total: found.length, homes: null, cells: null };
	if (found.length <= homesPerTile || z >= maxTileZoom) {
		const shown = found.slice(0, homesPerTile * 4);
		const names = await residences.namesOf(
			db,
			shown.map((i) => index.ids[i])
		);
		tile.homes = shown.map((i) => ({
			id: index.ids[i],
			name: names.get(index.ids[i]) ?? String(index.ids[i]),
			point: point(i, index.lng, index.lat),
			households: index.households[i],
			uncovered: index.uncovered[i] === 1
		}));
		return tile;
	}
	const cells = new Map<number, HomeCell & { sumLng: number; sumLat: number }>();
	const width = (east - west) / cellsPerSide;
	const height = (north - south) / cellsPerSide;
	for (const i of found) {
		const cx = Math.min(cellsPerSide - 1, Math.floor((index.lng[i] - west) / width));
		const cy = Math.min(cellsPerSide - 1, Math.floor((north - index.lat[i]) / height));
		const cellKey = cy * cellsPerSide + cx;
		let cell = cells.get(cellKey);
		if (!cell) {
			cell = { point: [0, 0], homes: 0, uncovered: 0, households: 0, sumLng: 0, sumLat: 0 };
			cells.set(cellKey, cell);
		}
		cell.homes++;
		cell.uncovered += index.uncovered[i];
		cell.households += index.households[i];
		cell.sumLng += index.lng[i];
		cell.sumLat += index.lat[i];
	}
	tile.cells = [...cells.entries()]
		.sort(([a], [b]) => a - b)
		.map(([, { sumLng, sumLat, ...cell }]) => ({
			...cell,
			point: [
				Number((sumLng / cell.homes).toFixed(6)),
				Number((sumLat / cell.homes).toFixed(6))
			] as [number, number]
		}));
	return tile;
}
