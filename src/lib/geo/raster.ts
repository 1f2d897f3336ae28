import type { ShortestPathTree } from './dijkstra';
import { localFrame, type LocalFrame, type SegmentIndex, type SnappedPoint } from './snap';

/**
 * A square grid in metres of a frame local to the origin (as snapping measures: the network's one
 * projection is a few per cent off east–west far from its own origin's latitude); cell (i, j) has
 * its centre at originX + (i + ½)·cellM, in metres east and north of `frame`'s point.
 */
export interface WalkingGrid {
	frame: LocalFrame;
	originX: number;
	originY: number;
	cellM: number;
	width: number;
	height: number;
	/** walking metres to each cell centre via its nearest street (Infinity: none within the margin) */
	walkingM: Float32Array;
}

/**
 * Rasterises walking distance around an origin: each cell centre takes the walking distance of the
 * point as the engine itself would compute it — off-network leg to its nearest street (when within
 * `marginM`) plus the network distance there. Bands are then thresholds of this one grid, so a band
 * cannot claim a place whose own snap is unreachable (across a river, behind a wall of no streets).
 */
export function rasteriseWalkingDistance(
	segments: SegmentIndex,
	tree: ShortestPathTree,
	origin: SnappedPoint,
	originX: number,
	originY: number,
	radiusM: number,
	cellM: number,
	marginM: number
): WalkingGrid {
	const { network } = segments;
	const { vertexX, vertexY, vertexAlongM, edgeFrom, edgeTo, edgeLengthM } = network;
	const size = Math.ceil((2 * radiusM) / cellM);
	const frame = localFrame(network, originX, originY);
	const { xScale } = frame;
	const grid: WalkingGrid = {
		frame,
		originX: -radiusM,
		originY: -radiusM,
		cellM,
		width: size,
		height: size,
		walkingM: new Float32Array(size * size).fill(Infinity)
	};
	const nearestOffM = new Float32Array(size * size).fill(Infinity);
	// the index is in the network's projection: its east–west half-width covers the local metres
	const reachM = radiusM + marginM;
	const found = segments.index.search(
		originX - reachM / xScale,
		originY - reachM,
		originX + (size * cellM - radiusM + marginM) / xScale,
		originY + size * cellM - radiusM + marginM
	);
	const marginSquared = marginM * marginM;
	const distanceM = tree.distanceM;
	for (const s of found) {
		const v = segments.segmentVertex[s];
		const edge = segments.segmentEdge[s];
		const fromM = distanceM[edgeFrom[edge]];
		const toM = distanceM[edgeTo[edge]];
		const lengthM = edgeLengthM[edge];
		const onOriginEdge = edge === origin.edge;
		const ax = (vertexX[v] - originX) * xScale;
		const ay = vertexY[v] - originY;
		const dx = (vertexX[v + 1] - vertexX[v]) * xScale;
		const dy = vertexY[v + 1] - vertexY[v];
		const lengthSquared = dx * dx + dy * dy;
		const alongStartM = vertexAlongM[v];
		const alongSpanM = vertexAlongM[v + 1] - alongStartM;
		const i0 = Math.max(0, Math.floor((Math.min(ax, ax + dx) - marginM - grid.originX) / cellM));
		const i1 = Math.min(
			size - 1,
			Math.floor((Math.max(ax, ax + dx) + marginM - grid.originX) / cellM)
		);
		const j0 = Math.max(0, Math.floor((Math.min(ay, ay + dy) - marginM - grid.originY) / cellM));
		const j1 = Math.min(
			size - 1,
			Math.floor((Math.max(ay, ay + dy) + marginM - grid.originY) / cellM)
		);
		for (let j = j0; j <= j1; j++) {
			const cy = grid.originY + (j + 0.5) * cellM;
			for (let i = i0; i <= i1; i++) {
				const cx = grid.originX + (i + 0.5) * cellM;
				let t = lengthSquared > 0 ? ((cx - ax) * dx + (cy - ay) * dy) / lengthSquared : 0;
				t = t < 0 ? 0 : t > 1 ? 1 : t;
				const px = ax + t * dx - cx;
				const py = ay + t * dy - cy;
				const offSquared = px * px + py * py;
				if (offSquared > marginSquared) continue;
				const cell = j * size + i;
				const offM = Math.sqrt(offSquared);
				// the nearest street decides, as snapping would; equal distances (a shared vertex) take the best
				if (offM > nearestOffM[cell] + 1e-3) continue;
				const alongM = alongStartM + t * alongSpanM;
				let networkM = Math.min(fromM + alongM, toM + lengthM - alongM);
				if (onOriginEdge) {
					networkM = Math.min(networkM, origin.offNetworkM + Math.abs(origin.alongM - alongM));
				}
				const walkingM = offM + networkM;
				if (offM < nearestOffM[cell] - 1e-3 || walkingM < grid.walkingM[cell]) {
					grid.walkingM[cell] = walkingM;
				}
				if (offM < nearestOffM[cell]) nearestOffM[cell] = offM;
			}
		}
	}
	return grid;
}
