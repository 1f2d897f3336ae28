/**
 * A monotone bucket queue (Dial's algorithm with buckets `widthM` wide) over integer items, with
 * O(1) insert, move and pop through doubly linked lists in typed arrays. Items within one bucket
 * come out in any order, so a search using it must be label-correcting: re-queue whatever
 * improves. On street networks almost every label is still settled once, and the queue does no
 * log-time work — the matrix's two-label Dijkstra runs markedly faster than with a heap.
 */
export class BucketQueue {
	private readonly next: Int32Array;
	private readonly previous: Int32Array;
	private readonly bucketOf: Int32Array;
	private head: Int32Array;
	private cursor = 0;
	size = 0;

	constructor(
		capacity: number,
		private readonly widthM: number
	) {
		this.next = new Int32Array(capacity);
		this.previous = new Int32Array(capacity);
		this.bucketOf = new Int32Array(capacity).fill(-1);
		this.head = new Int32Array(0);
	}

	/** Empties the queue and sizes it for keys up to `maxKeyM`. */
	reset(maxKeyM: number): void {
		const buckets = Math.floor(maxKeyM / this.widthM) + 1;
		if (this.head.length !== buckets) this.head = new Int32Array(buckets);
		this.head.fill(-1);
		this.cursor = 0;
		this.size = 0;
	}

	/** Queues the item under `key` (≤ maxKeyM, ≥ the last popped bucket), moving it if queued. */
	update(item: number, key: number): void {
		const bucket = Math.max(this.cursor, Math.floor(key / this.widthM));
		const current = this.bucketOf[item];
		if (current === bucket) return;
		if (current >= 0) this.unlink(item, current);
		else this.size++;
		const first = this.head[bucket];
		this.next[item] = first;
		this.previous[item] = -1;
		if (first >= 0) this.previous[first] = item;
		this.head[bucket] = item;
		this.bucketOf[item] = bucket;
	}

	/** Removes and returns an item of the lowest non-empty bucket; call only when size > 0. */
	pop(): number {
		const { head } = this;
		while (head[this.cursor] < 0) this.cursor++;
		const item = head[this.cursor];
		this.unlink(item, this.cursor);
		this.bucketOf[item] = -1;
		this.size--;
		return item;
	}

	private unlink(item: number, bucket: number): void {
		const before = this.previous[item];
		const after = this.next[item];
		if (before >= 0) this.next[before] = after;
		else this.head[bucket] = after;
		if (after >= 0) this.previous[after] = before;
	}
}
