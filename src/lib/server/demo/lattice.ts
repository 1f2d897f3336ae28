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
	/** names main roads; negative row indices name diagonal streets */
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

type Axis = 'row' | 'column';
const jitterShare = 0.2;

class LatticeBuilder {
	readonly local: (LocalPoint | undefined)[] = [];
	readonly lngLat: (LngLat | undefined)[] = [];
	readonly edges: DraftEdge[] = [];
	private readonly usedCells = new Set<number>();
	private readonly mainOffset: number;

	constructor(private readonly options: LatticeOptions) {
		const { random, columns, rows, spacingM, southWest } = options;
		for (let row = 0; row < rows; row++) {
			for (let column = 0; column < columns; column++) {
				const point = {
					x: southWest.x + (column + random.between(-jitterShare, jitterShare)) * spacingM,
					y: southWest.y + (row + random.between(-jitterShare, jitterShare)) * spacingM
				};
				const allowed = options.isAllowed(point);
				this.local.push(allowed ? point : undefined);
				this.lngLat.push(allowed ? toLngLat(point) : undefined);
			}
		}
		this.mainOffset = options.mainEvery > 0 ? random.integer(0, options.mainEvery - 1) : 0;
	}

	id(row: number, column: number): number {
		const { rows, columns } = this.options;
		return row >= 0 && row < rows && column >= 0 && column < columns ? row * columns + column : -1;
	}

	has(node: number): boolean {
		return node >= 0 && this.local[node] !== undefined;
	}

	isMain(index: number): boolean {
		const every = this.options.mainEvery;
		return every > 0 && (index - this.mainOffset) % every === 0;
	}

	/** Places take their address from the nearest main road. */
	private addressRoad(axis: Axis, index: number): string {
		const every = this.options.mainEvery;
		if (every <= 0) return '';
		const nearest = this.mainOffset + Math.round((index - this.mainOffset) / every) * every;
		return this.options.mainRoadName(axis, nearest);
	}

	add(a: number, b: number, kind: DraftEdge['kind'], axis: Axis, index: number, name?: string) {
		const from = this.local[a]!;
		const to = this.local[b]!;
		this.edges.push({
			coordinates: [this.lngLat[a]!, this.lngLat[b]!],
			kind,
			...(name ? { name } : {}),
			owner: this.options.owner({ x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }),
			addressRoad: this.addressRoad(axis, index)
		});
	}

	/** Underpass columns: main roads evenly spread along the barrier, where both sides have a node. */
	crossings(): { columns: Set<number>; extent?: [number, number] } {
		const barrier = this.options.barrier;
		const columns = new Set<number>();
		if (!barrier) return { columns };
		const candidates: number[] = [];
		const xs: number[] = [];
		for (let column = 0; column < this.options.columns; column++) {
			const below = this.id(barrier.row, column);
			const above = this.id(barrier.row + 1, column);
			for (const node of [below, above]) if (this.has(node)) xs.push(this.local[node]!.x);
			if (this.isMain(column) && this.has(below) && this.has(above)) candidates.push(column);
		}
		for (let crossing = 0; crossing < barrier.crossingCount && candidates.length; crossing++) {
			columns.add(
				candidates[Math.floor(((crossing + 0.5) / barrier.crossingCount) * candidates.length)]
			);
		}
		return { columns, extent: xs.length ? [Math.min(...xs), Math.max(...xs)] : undefined };
	}

	streets(crossingColumns: Set<number>) {
		const { rows, columns, random, barrier, missingLinkShare, mainRoadName } = this.options;
		const keep = (main: boolean) => main || !random.chance(missingLinkShare);
		const nameOf = (axis: Axis, index: number) =>
			this.isMain(index) ? mainRoadName(axis, index) : undefined;
		for (let row = 0; row < rows; row++) {
			for (let column = 0; column < columns; column++) {
				const node = this.id(row, column);
				if (!this.has(node)) continue;
				const east = this.id(row, column + 1);
				if (this.has(east) && keep(this.isMain(row)))
					this.add(node, east, 'street', 'row', row, nameOf('row', row));
				const north = this.id(row + 1, column);
				if (!this.has(north)) continue;
				if (barrier && row === barrier.row) {
					if (crossingColumns.has(column))
						this.add(
							node,
							north,
							'underpass',
							'column',
							column,
							`${mainRoadName('column', column)}地道`
						);
				} else if (keep(this.isMain(column))) {
					this.add(node, north, 'street', 'column', column, nameOf('column', column));
				}
			}
		}
	}

	private cellCorners(row: number, column: number): number[] {
		return [
			this.id(row, column),
			this.id(row, column + 1),
			this.id(row + 1, column),
			this.id(row + 1, column + 1)
		];
	}

	/** A cell takes at most one diagonal or cul-de-sac, and none beside the railway. */
	private cellOpen(row: number, column: number): boolean {
		const barrier = this.options.barrier;
		if (barrier && row === barrier.row) return false;
		return (
			!this.usedCells.has(this.id(row, column)) &&
			this.cellCorners(row, column).every((node) => this.has(node))
		);
	}

	/** Diagonal streets as chains of cell diagonals, which stay inside their convex cells. */
	diagonals() {
		const { random, rows, columns, diagonalCount, mainRoadName } = this.options;
		for (let diagonal = 0; diagonal < diagonalCount; diagonal++) {
			const name = `${mainRoadName('row', -1 - diagonal)}斜街`;
			let row = random.integer(0, rows - 2);
			let column = random.integer(0, columns - 2);
			const step = random.chance(0.5) ? 1 : -1;
			const length = random.integer(Math.floor(rows / 5), Math.floor(rows / 2));
			for (let cell = 0; cell < length; cell++) {
				const cellColumn = step === 1 ? column : column - 1;
				if (!this.cellOpen(row, cellColumn)) break;
				this.usedCells.add(this.id(row, cellColumn));
				this.add(
					this.id(row, column),
					this.id(row + 1, column + step),
					'diagonal',
					'row',
					row,
					name
				);
				row += 1;
				column += step;
			}
		}
	}

	/** Dead-end lanes from a corner into the middle of a block. */
	culDeSacs() {
		const { random, rows, columns, culDeSacShare } = this.options;
		for (let row = 0; row < rows - 1; row++) {
			for (let column = 0; column < columns - 1; column++) {
				if (!this.cellOpen(row, column) || !random.chance(culDeSacShare)) continue;
				const corners = this.cellCorners(row, column);
				const middle = corners.reduce(
					(sum, corner) => ({
						x: sum.x + this.local[corner]!.x / 4,
						y: sum.y + this.local[corner]!.y / 4
					}),
					{ x: 0, y: 0 }
				);
				this.local.push(middle);
				this.lngLat.push(toLngLat(middle));
				this.add(random.pick(corners), this.local.length - 1, 'path', 'row', row);
			}
		}
	}
}

export function buildLattice(options: LatticeOptions): Lattice {
	const builder = new LatticeBuilder(options);
	const crossings = builder.crossings();
	builder.streets(crossings.columns);
	builder.diagonals();
	builder.culDeSacs();
	return { edges: builder.edges, barrierExtent: crossings.extent };
}
