import type { WalkingNetwork } from './network';
import { BucketQueue } from './bucket-queue';
import { IndexedMinHeap } from './heap';

/** Bucket width of the matrix queue (tuned on the benchmark city: 40 m beat 5–25 and 80 m). */
const bucketWidthM = 40;

/**
 * Multi-source Dijkstra from seeded nodes with a cut-off. The arrays are reused between runs and
 * reset only where the previous run touched them, so a small query on a big city costs what it
 * reaches, not the size of the city. The results stay valid until the next run.
 */
export class ShortestPathTree {
	/** walking metres from the nearest seed, Infinity where not reached within the cut-off */
	readonly distanceM: Float64Array;
	/** the `source` of the seed a node's distance comes from */
	readonly sourceOf: Int32Array;
	/** the edge the shortest path arrives by, -1 at a seed */
	readonly predecessorEdge: Int32Array;
	/** nodes reached by the last run (reachedCount of them) */
	readonly reached: Int32Array;
	reachedCount = 0;
	private readonly heap: IndexedMinHeap;

	constructor(private readonly network: WalkingNetwork) {
		const n = network.nodeCount;
		this.distanceM = new Float64Array(n).fill(Infinity);
		this.sourceOf = new Int32Array(n).fill(-1);
		this.predecessorEdge = new Int32Array(n).fill(-1);
		this.reached = new Int32Array(n);
		this.heap = new IndexedMinHeap(n);
	}

	private reset(): void {
		for (let i = 0; i < this.reachedCount; i++) {
			const node = this.reached[i];
			this.distanceM[node] = Infinity;
			this.sourceOf[node] = -1;
			this.predecessorEdge[node] = -1;
		}
		this.reachedCount = 0;
	}

	/** Offers `distanceM` at `node`; keeps it when shorter than what the node has. */
	seed(node: number, distanceM: number, source: number, cutoffM: number): void {
		if (distanceM > cutoffM || distanceM >= this.distanceM[node]) return;
		if (this.distanceM[node] === Infinity) this.reached[this.reachedCount++] = node;
		this.distanceM[node] = distanceM;
		this.sourceOf[node] = source;
		this.predecessorEdge[node] = -1;
		this.heap.update(node, distanceM);
	}

	/** Clears the previous run; then call seed() for every source and run(). */
	begin(): void {
		this.reset();
	}

	run(cutoffM: number): void {
		const { adjacencyStart, adjacencyTarget, adjacencyWeightM, adjacencyEdge } = this.network;
		const { distanceM, sourceOf, predecessorEdge, reached, heap } = this;
		while (heap.size > 0) {
			const node = heap.pop();
			const base = distanceM[node];
			const source = sourceOf[node];
			for (let a = adjacencyStart[node]; a < adjacencyStart[node + 1]; a++) {
				const next = adjacencyTarget[a];
				const candidate = base + adjacencyWeightM[a];
				if (candidate > cutoffM || candidate >= distanceM[next]) continue;
				if (distanceM[next] === Infinity) reached[this.reachedCount++] = next;
				distanceM[next] = candidate;
				sourceOf[next] = source;
				predecessorEdge[next] = adjacencyEdge[a];
				heap.update(next, candidate);
			}
		}
	}
}

/**
 * Multi-source Dijkstra keeping the two nearest distinct sources per node ("label" 2n = nearest,
 * 2n + 1 = second nearest). The second-nearest source's shortest path only passes through nodes
 * that have it among their own two nearest, so propagating two labels per node is exact.
 */
export class NearestTwoSearch {
	readonly labelDistanceM: Float64Array;
	readonly labelSource: Int32Array;
	/** a bucket queue when the cut-off is finite (see bucket-queue.ts), else a heap */
	private heap: IndexedMinHeap | BucketQueue;
	private readonly buckets: BucketQueue;
	private readonly fallbackHeap: IndexedMinHeap;

	constructor(
		private readonly network: Pick<
			WalkingNetwork,
			'nodeCount' | 'adjacencyStart' | 'adjacencyTarget' | 'adjacencyWeightM'
		>
	) {
		const labels = 2 * network.nodeCount;
		this.labelDistanceM = new Float64Array(labels).fill(Infinity);
		this.labelSource = new Int32Array(labels).fill(-1);
		this.buckets = new BucketQueue(labels, bucketWidthM);
		this.fallbackHeap = new IndexedMinHeap(labels);
		this.heap = this.fallbackHeap;
	}

	/** Clears the previous run; pass the cut-off the offers and run() will use. */
	begin(cutoffM: number): void {
		this.labelDistanceM.fill(Infinity);
		this.labelSource.fill(-1);
		if (cutoffM / bucketWidthM < 1e6) {
			this.buckets.reset(cutoffM);
			this.heap = this.buckets;
		} else {
			this.heap = this.fallbackHeap;
		}
	}

	/** Offers `distanceM` from `source` at `node`, keeping the node's two best distinct sources. */
	offer(node: number, distanceM: number, source: number, cutoffM: number): void {
		if (distanceM > cutoffM) return;
		const { labelDistanceM: distance, labelSource: sourceOf, heap } = this;
		const first = 2 * node;
		const second = first + 1;
		if (sourceOf[first] === source) {
			if (distanceM < distance[first]) {
				distance[first] = distanceM;
				heap.update(first, distanceM);
			}
		} else if (distanceM < distance[first]) {
			// the old nearest (a different source) becomes the second nearest
			if (sourceOf[first] >= 0) {
				distance[second] = distance[first];
				sourceOf[second] = sourceOf[first];
				heap.update(second, distance[second]);
			}
			distance[first] = distanceM;
			sourceOf[first] = source;
			heap.update(first, distanceM);
		} else if (distanceM < distance[second]) {
			distance[second] = distanceM;
			sourceOf[second] = source;
			heap.update(second, distance[second]);
		}
	}

	run(cutoffM: number): void {
		const { adjacencyStart, adjacencyTarget, adjacencyWeightM } = this.network;
		const { labelDistanceM, labelSource, heap } = this;
		while (heap.size > 0) {
			const label = heap.pop();
			const node = label >> 1;
			const base = labelDistanceM[label];
			const source = labelSource[label];
			for (let a = adjacencyStart[node]; a < adjacencyStart[node + 1]; a++) {
				const candidate = base + adjacencyWeightM[a];
				if (candidate > cutoffM) continue;
				const next = adjacencyTarget[a];
				// cheap rejection before the full offer: worse than both labels already held
				if (candidate >= labelDistanceM[2 * next + 1] && labelSource[2 * next] !== source) continue;
				this.offer(next, candidate, source, cutoffM);
			}
		}
	}
}
