// Shapes the coverage verbs return and the pages draw: defined once here, where client components
// may import them (the server modules that fill them live under $lib/server).

/** One place of a life circle: a service point near home, its walk and its next free slot. */
export interface ReachablePoint {
	id: number;
	name: string;
	address: string;
	phone: string;
	distanceM: number;
	minutes: number;
	within: boolean;
	nextSlot: { id: number; startsAt: number; free: number } | null;
}

export interface CategoryCircle {
	category: string;
	tierMinutes: number;
	/** the nearest point is within the tier */
	within: boolean;
	points: ReachablePoint[];
}

/** A walk to the nearest point of a category at one speed: whole minutes, and whether within the tier. */
export interface WalkAt {
	minutes: number | null;
	within: boolean;
}

/** Households, elders and small children within a category's tier, with the household share. */
export interface Covered {
	households: number;
	householdsCovered: number;
	elders: number;
	eldersCovered: number;
	children: number;
	childrenCovered: number;
	/** households covered ÷ households, 3 decimals */
	share: number;
}
