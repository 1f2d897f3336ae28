import type { DemoNetworkEdge, LngLat } from './types';

/** A network edge while the city is being generated: it remembers whose it is and its address road. */
export interface DraftEdge extends DemoNetworkEdge {
	/** the community whose residences and service points may be placed along it; null for rural roads */
	owner: string | null;
	/** the named road used in addresses of places along it ('' in villages) */
	addressRoad: string;
}

export function coordinateKey(point: LngLat): string {
	return `${point[0]},${point[1]}`;
}
