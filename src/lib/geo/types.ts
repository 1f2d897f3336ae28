/** WGS84 longitude, latitude — GeoJSON order. */
export type LngLat = [number, number];

/** Walking speeds in metres per second: the standard pedestrian and the slower (elderly) design value. */
export const standardSpeedMps = 1.2;
export const elderlySpeedMps = 0.9;

/** A point-of-service the engine routes to; categories are opaque strings to keep the engine generic. */
export interface Facility {
	id: string;
	category: string;
	point: LngLat;
}

export interface Residence {
	id: string;
	point: LngLat;
	households?: number;
	elderly?: number;
	children?: number;
}

/** How a distance was obtained: along the walking network, or straight line × detour factor. */
export type CoverageMethod = 'network' | 'estimate';
