import { elderlySpeedMps, standardSpeedMps, type LngLat } from '$lib/geo';
import * as servicePoints from '../directory/service-points';
import { getDb } from '../db';
import { availability } from '../booking';
import { coverageState } from './engine';

const weekMs = 7 * 24 * 60 * 60 * 1000;
/** How far the list looks: beyond ~40 minutes on foot a place is not part of a life circle. */
const searchCutoffM = 3000;

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

const minutesAt = (distanceM: number, speedMps: number) => distanceM / speedMps / 60;
/** Whole minutes, rounded up, so that "within 5 minutes" and "5 minutes" never disagree. */
const wholeMinutes = (minutes: number) => Math.max(1, Math.ceil(minutes - 1e-9));

/**
 * "Reachable and bookable": per category, the nearest service points from home by walking
 * minutes, whether each is within the category's tier, and its next free slot this week.
 */
export function lifeCircle(point: LngLat, speedMps: number, now: number, perCategory = 3) {
	const state = coverageState();
	const nearest = state.engine.nearestFromPoint(point, {
		cutoffM: searchCutoffM,
		limit: perCategory
	});
	const ids = Object.values(nearest.byCategory).flatMap((list) =>
		list.map((f) => Number(f.facilityId))
	);
	const details = new Map(servicePoints.listByIds(ids).map((p) => [p.id, p]));
	const bookable = new Set(servicePoints.bookableIds(ids));
	const categories: CategoryCircle[] = state.source.categories.map(({ code, tierMinutes }) => {
		const points = (nearest.byCategory[code] ?? []).flatMap((facility) => {
			const detail = details.get(Number(facility.facilityId));
			if (!detail) return [];
			const minutes = minutesAt(facility.distanceM, speedMps);
			const slot = bookable.has(detail.id)
				? availability.nextFreeSlots(getDb(), detail.id, now, 1)[0]
				: undefined;
			return [
				{
					id: detail.id,
					name: detail.name,
					address: detail.address,
					phone: detail.phone,
					distanceM: Math.round(facility.distanceM),
					minutes: wholeMinutes(minutes),
					within: minutes <= tierMinutes,
					nextSlot:
						slot && slot.startsAt < now + weekMs
							? { id: slot.id, startsAt: slot.startsAt, free: slot.free }
							: null
				}
			];
		});
		return { category: code, tierMinutes, within: points[0]?.within ?? false, points };
	});
	return { reachable: nearest.reachable, method: nearest.method, speedMps, categories };
}

/** Per category: the nearest point's minutes and whether it is within tier, at both speeds. */
export function coverageCard(point: LngLat) {
	const state = coverageState();
	const nearest = state.engine.nearestFromPoint(point, { cutoffM: searchCutoffM, limit: 1 });
	return state.source.categories.map(({ code, tierMinutes }) => {
		const distanceM = nearest.byCategory[code]?.[0]?.distanceM ?? null;
		const at = (speedMps: number) => {
			if (distanceM === null) return { minutes: null, within: false };
			const minutes = minutesAt(distanceM, speedMps);
			return { minutes: wholeMinutes(minutes), within: minutes <= tierMinutes };
		};
		return {
			category: code,
			tierMinutes,
			distanceM: distanceM === null ? null : Math.round(distanceM),
			standard: at(standardSpeedMps),
			elderly: at(elderlySpeedMps)
		};
	});
}

/** The walking route from a point to a service point, for "explain". */
export function walkingRoute(point: LngLat, servicePointId: number) {
	const path = coverageState().engine.walkingPath(point, String(servicePointId));
	if (!path) return null;
	return { distanceM: Math.round(path.distanceM), coordinates: path.coordinates };
}
