/**
 * A binary min-heap of integer items keyed by an external Float64Array, with decrease-key through
 * a position table: no allocation per push or pop, which is what keeps Dijkstra fast in V8.
 */
export class IndexedMinHeap {
	private readonly items: Int32Array;
	private readonly position: Int32Array;
	size = 0;

	constructor(
		capacity: number,
		private readonly keys: Float64Array
	) {
		this.items = new Int32Array(capacity);
		this.position = new Int32Array(capacity).fill(-1);
	}

	/** Inserts the item, or moves it up after its key decreased. */
	update(item: number): void {
		let at = this.position[item];
		if (at < 0) {
			at = this.size++;
			this.items[at] = item;
			this.position[item] = at;
		}
		this.siftUp(at);
	}

	/** Removes and returns the item with the smallest key; call only when size > 0. */
	pop(): number {
		const { items, position } = this;
		const top = items[0];
		position[top] = -1;
		const last = items[--this.size];
		if (this.size > 0) {
			items[0] = last;
			position[last] = 0;
			this.siftDown(0);
		}
		return top;
	}

	private siftUp(start: number): void {
		const { items, position, keys } = this;
		const item = items[start];
		const key = keys[item];
		let at = start;
		while (at > 0) {
			const parent = (at - 1) >> 1;
			const parentItem = items[parent];
			if (keys[parentItem] <= key) break;
			items[at] = parentItem;
			position[parentItem] = at;
			at = parent;
		}
		items[at] = item;
		position[item] = at;
	}

	private siftDown(start: number): void {
		const { items, position, keys, size } = this;
		const item = items[start];
		const key = keys[item];
		let at = start;
		const half = size >> 1;
		while (at < half) {
			let child = 2 * at + 1;
			const right = child + 1;
			if (right < size && keys[items[right]] < keys[items[child]]) child = right;
			const childItem = items[child];
			if (keys[childItem] >= key) break;
			items[at] = childItem;
			position[childItem] = at;
			at = child;
		}
		items[at] = item;
		position[item] = at;
	}
}
