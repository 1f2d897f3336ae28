/**
 * A jittered street lattice: the building block of the urban core, the town centres and the villages.
 * Nodes sit on a grid moved by at most a fifth of the spacing, so every cell stays convex: cell
 * diagonals and cul-de-sacs into a cell's middle never cross another edge, and the lattice is noded
 * by construction.
 */
import type { DraftEdge } from './draft';
import { toLngLat, type LocalPoint } from './projection';
import type { Random } from './random';
import type { LngLat } from './types';

export interface LatticeOptions {
	random: Random;
	southWest: LocalPoint;
	columns: number;
	rows: number;
	spacingM: number;
	isAllowed: (point: LocalPoint) => boolean;
	owner: (point: LocalPoint) => string | null;
	/** a main road every n lines (0: none); main roads are named and never lose a link */
	mainEvery: number;
	mainRoadName: (axis: 'row' | 'column', index: number) => string;
	missingLinkShare: number;
	culDeSacShare: number;
	diagonalCount: number;
	/** a railway between this row and the next: crossable only at `crossingCount` main columns */
	barrier?: { row: number; crossingCount: number };
}

export interface Lattice {
	edges: DraftEdge[];
	/** local x of the westernmost and easternmost node beside the barrier */
	barrierExtent?: [number, number];
}

const jitterShare = 0.2;

export function buildLattice(options: LatticeOptions): Lattice {
	const { random, columns, rows, spacingM } = options;
	const local: (LocalPoint | undefined)[] = [];
	const lngLat: (LngLat | undefined)[] = [];
	for (let row = 0; row < rows; row++) {
		for (let column = 0; column < columns; column++) {
			const point = {
				x: options.southWest.x + (column + random.between(-jitterShare, jitterShare)) * spacingM,
				y: options.southWest.y + (row + random.between(-jitterShare, jitterShare)) * spacingM
			};
			const allowed = options.isAllowed(point);
			local.push(allowed ? point : undefined);
			lngLat.push(allowed ? toLngLat(point) : undefined);
		}
	}
	const id = (row: number, column: number) =>
		row >= 0 && row < rows && column >= 0 && column < columns ? row * columns + column : -1;
	const has = (node: number) => node >= 0 && local[node] !== undefined;
	const mainOffset = options.mainEvery > 0 ? random.integer(0, options.mainEvery - 1) : 0;
	const isMain = (index: number) =>
		options.mainEvery > 0 && (index - mainOffset) % options.mainEvery === 0;
	const nearestMain = (index: number) =>
		options.mainEvery > 0
			? mainOffset + Math.round((index - mainOffset) / options.mainEvery) * options.mainEvery
			: -1;
	const roadName = (axis: 'row' | 'column', index: number) =>
		isMain(index) ? options.mainRoadName(axis, index) : undefined;
	const addressRoad = (axis: 'row' | 'column', index: number) =>
		options.mainEvery > 0 ? options.mainRoadName(axis, nearestMain(index)) : '';

	const edges: DraftEdge[] = [];
	const add = (
		a: number,
		b: number,
		kind: DraftEdge['kind'],
		axis: 'row' | 'column',
		index: number,
		name?: string
	) => {
		const from = local[a]!;
		const to = local[b]!;
		const middle = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
		edges.push({
			coordinates: [lngLat[a]!, lngLat[b]!],
			kind,
			...(name ? { name } : {}),
			owner: options.owner(middle),
			addressRoad: addressRoad(axis, index)
		});
	};
	const keepLink = (main: boolean) => main || !random.chance(options.missingLinkShare);

	const barrier = options.barrier;
	const crossingColumns = new Set<number>();
	let barrierExtent: [number, number] | undefined;
	if (barrier) {
		const candidates: number[] = [];
		for (let column = 0; column < columns; column++) {
			for (const row of [barrier.row, barrier.row + 1]) {
				const node = id(row, column);
				if (!has(node)) continue;
				const x = local[node]!.x;
				barrierExtent = barrierExtent
					? [Math.min(barrierExtent[0], x), Math.max(barrierExtent[1], x)]
					: [x, x];
			}
			if (isMain(column) && has(id(barrier.row, column)) && has(id(barrier.row + 1, column))) {
				candidates.push(column);
			}
		}
		for (let crossing = 0; crossing < barrier.crossingCount && candidates.length; crossing++) {
			const at = Math.floor(((crossing + 0.5) / barrier.crossingCount) * candidates.length);
			crossingColumns.add(candidates[at]);
		}
	}

	for (let row = 0; row < rows; row++) {
		for (let column = 0; column < columns; column++) {
			const node = id(row, column);
			if (!has(node)) continue;
			const east = id(row, column + 1);
			if (has(east) && keepLink(isMain(row)))
				add(node, east, 'street', 'row', row, roadName('row', row));
			const north = id(row + 1, column);
			if (!has(north)) continue;
			if (barrier && row === barrier.row) {
				if (crossingColumns.has(column)) {
					add(
						node,
						north,
						'underpass',
						'column',
						column,
						`${options.mainRoadName('column', column)}地道`
					);
				}
			} else if (keepLink(isMain(column))) {
				add(node, north, 'street', 'column', column, roadName('column', column));
			}
		}
	}

	// Cells: a few diagonal streets (chains of cell diagonals) and some cul-de-sacs into blocks.
	const usedCells = new Set<number>();
	const cellOpen = (row: number, column: number) =>
		!(barrier && row === barrier.row) &&
		!usedCells.has(id(row, column)) &&
		[id(row, column), id(row, column + 1), id(row + 1, column), id(row + 1, column + 1)].every(has);
	for (let diagonal = 0; diagonal < options.diagonalCount; diagonal++) {
		const name = `${options.mainRoadName('row', -1 - diagonal)}斜街`;
		let row = random.integer(0, rows - 2);
		let column = random.integer(0, columns - 2);
		const step = random.chance(0.5) ? 1 : -1;
		const length = random.integer(Math.floor(rows / 5), Math.floor(rows / 2));
		for (let cell = 0; cell < length; cell++) {
			const cellColumn = step === 1 ? column : column - 1;
			if (!cellOpen(row, cellColumn)) break;
			usedCells.add(id(row, cellColumn));
			add(id(row, column), id(row + 1, column + step), 'diagonal', 'row', row, name);
			row += 1;
			column += step;
		}
	}
	for (let row = 0; row < rows - 1; row++) {
		for (let column = 0; column < columns - 1; column++) {
			if (!cellOpen(row, column) || !random.chance(options.culDeSacShare)) continue;
			const corners = [
				id(row, column),
				id(row, column + 1),
				id(row + 1, column),
				id(row + 1, column + 1)
			];
			const centre = corners.reduce(
				(sum, corner) => ({ x: sum.x + local[corner]!.x / 4, y: sum.y + local[corner]!.y / 4 }),
				{ x: 0, y: 0 }
			);
			const cellNode = local.length;
			local.push(centre);
			lngLat.push(toLngLat(centre));
			add(random.pick(corners), cellNode, 'path', 'row', row);
		}
	}
	return { edges, barrierExtent };
}
