import type { CategoryCode } from '$lib/categories';

/** WGS84 longitude, latitude — GeoJSON order. */
export type LngLat = [number, number];

export interface DemoStreet {
	code: string; // 9-digit statistical code
	name: string;
	kind: '街道' | '镇';
	urban: boolean;
}

export interface DemoCommunity {
	code: string; // 12-digit statistical code (real)
	name: string; // real
	kind: '社区' | '村'; // real
	streetCode: string; // real
	centre: LngLat; // generated: the community service centre
	address: string; // generated
	phone: string; // generated, e.g. '0937-6201234'
}

export interface DemoResidence {
	key: string; // stable within a seed, e.g. 'r0001'
	name: string; // 小区 or 村民小组 name
	communityCode: string;
	point: LngLat;
	households: number;
	residents: number;
	elderly60plus: number;
	children0to3: number;
}

export interface DemoServicePoint {
	key: string; // stable within a seed, e.g. 'sp001'
	name: string; // e.g. 胜利社区老年助餐点
	categoryCode: CategoryCode;
	communityCode: string;
	point: LngLat;
	address: string;
	phone: string;
	openingText: string; // human text, e.g. '周一至周五 11:00–13:00'
	accessibleEntrance: boolean;
}

export interface DemoOpeningRule {
	servicePointKey: string;
	weekday: number; // 1 = Monday … 7 = Sunday (ISO)
	startMinute: number; // minutes after local midnight (Asia/Shanghai)
	endMinute: number;
	slotMinutes: number;
	capacity: number;
	/** places per slot kept back for phone and desk bookings (elders without smartphones) */
	reservedForAssisted: number;
}

export interface DemoNetworkEdge {
	coordinates: LngLat[]; // a LineString, noded: edges meet only at shared end coordinates
	kind: 'street' | 'path' | 'underpass' | 'diagonal' | 'rural_road';
	name?: string;
}

export interface DemoCity {
	seed: number;
	scale: number; // 1 = the demo city (~312,700 residents)
	streets: DemoStreet[];
	communities: DemoCommunity[];
	residences: DemoResidence[];
	servicePoints: DemoServicePoint[];
	openingRules: DemoOpeningRule[];
	network: DemoNetworkEdge[];
	/** why the network has more than one connected component (e.g. separate town centres) */
	islands: string[];
	/**
	 * Optional (added by the generator): the railway crossing the urban core, not walkable; only
	 * 'underpass' edges cross it. For drawing the base map and for tests.
	 */
	railway?: LngLat[];
}
