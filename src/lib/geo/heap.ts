/**
 * A 4-ary min-heap of integer items with their keys stored inline, and decrease-key through a
 * position table. Inline keys and the shallower tree keep memory access local; no allocation per
 * push or pop — together what keeps Dijkstra fast in V8.
 */
export class IndexedMinHeap {
	private readonly items: Int32Array;
	private readonly keys: Float64Array;
	private readonly position: Int32Array;
	size = 0;

	constructor(capacity: number) {
		this.items = new Int32Array(capacity);
		this.keys = new Float64Array(capacity);
		this.position = new Int32Array(capacity).fill(-1);
	}

	/** Inserts the item with `key`, or moves it up after its key decreased to `key`. */
	update(item: number, key: number): void {
		let at = this.position[item];
		if (at < 0) at = this.size++;
		const { items, keys, position } = this;
		while (at > 0) {
			const parent = (at - 1) >> 2;
			const parentKey = keys[parent];
			if (parentKey <= key) break;
			const parentItem = items[parent];
			items[at] = parentItem;
			keys[at] = parentKey;
			position[parentItem] = at;
			at = parent;
		}
		items[at] = item;
		keys[at] = key;
		position[item] = at;
	}

	/** Removes and returns the item with the smallest key; call only when size > 0. */
	pop(): number {
		const { items, keys, position } = this;
		const top = items[0];
		position[top] = -1;
		const size = --this.size;
		if (size === 0) return top;
		const item = items[size];
		const key = keys[size];
		let at = 0;
		for (;;) {
			const first = 4 * at + 1;
			if (first >= size) break;
			let best = first;
			let bestKey = keys[first];
			const last = Math.min(first + 4, size);
			for (let child = first + 1; child < last; child++) {
				if (keys[child] < bestKey) {
					bestKey = keys[child];
					best = child;
				}
			}
			if (bestKey >= key) break;
			const bestItem = items[best];
			items[at] = bestItem;
			keys[at] = bestKey;
			position[bestItem] = at;
			at = best;
		}
		items[at] = item;
		keys[at] = key;
		position[item] = at;
		return top;
	}
}
