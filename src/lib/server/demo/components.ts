/** Connected components of a network by exact end coordinates (a small union–find). */
import { coordinateKey } from './draft';
import type { DemoNetworkEdge } from './types';

export function componentLabels(edges: readonly DemoNetworkEdge[]): number[] {
	const nodeIds = new Map<string, number>();
	const parent: number[] = [];
	const nodeOf = (edge: DemoNetworkEdge, end: 'first' | 'last') => {
		const key = coordinateKey(end === 'first' ? edge.coordinates[0] : edge.coordinates.at(-1)!);
		let node = nodeIds.get(key);
		if (node === undefined) {
			node = parent.length;
			nodeIds.set(key, node);
			parent.push(node);
		}
		return node;
	};
	const find = (node: number): number => {
		while (parent[node] !== node) {
			parent[node] = parent[parent[node]];
			node = parent[node];
		}
		return node;
	};
	const firstNodes = edges.map((edge) => {
		const a = find(nodeOf(edge, 'first'));
		const b = find(nodeOf(edge, 'last'));
		if (a !== b) parent[a] = b;
		return a;
	});
	return firstNodes.map(find);
}

/**
 * Keep only the largest connected component. Random missing links can cut off a few blocks at the
 * fringe; rather than leave islands nobody can walk out of, the generator drops them.
 */
export function largestComponent<T extends DemoNetworkEdge>(edges: readonly T[]): T[] {
	const labels = componentLabels(edges);
	const sizes = new Map<number, number>();
	for (const label of labels) sizes.set(label, (sizes.get(label) ?? 0) + 1);
	let largest = -1;
	let largestSize = 0;
	for (const [label, size] of sizes) {
		if (size > largestSize) {
			largest = label;
			largestSize = size;
		}
	}
	return edges.filter((_, index) => labels[index] === largest);
}
