import {
	elderlySpeedMps,
	standardSpeedMps,
	walkingMinutes,
	wholeWalkingMinutes,
	type LngLat
} from '$lib/geo';
import * as servicePoints from '../directory/service-points';
import { remembered } from '../directory/remembered';
import { availability } from '../booking';
import type { Db } from '../db';
import { readGeneration } from '../generation';
import { coverageState } from './engine';
import type { CategoryCircle, WalkAt } from '$lib/coverage-types';
import { dayMs } from '$lib/time';

const weekMs = 7 * dayMs;
/** How far the list looks: beyond ~40 minutes on foot a place is not part of a life circle. */
const searchCutoffM = 3000;

/**
 * "Reachable and bookable": per category, the nearest service points from home by walking
 * minutes, whether each is within the category's tier, and its next free slot this week.
 */
export async function lifeCircle(
	db: Db,
	point: LngLat,
	speedMps: number,
	now: number,
	perCategory = 3
) {
	const state = await coverageState(db);
	const nearest = state.engine.nearestFromPoint(point, {
		cutoffM: searchCutoffM,
		limit: perCategory
	});
	const ids = Object.values(nearest.byCategory).flatMap((list) =>
		list.map((f) => Number(f.facilityId))
	);
	const details = new Map((await servicePoints.listByIds(db, ids)).map((p) => [p.id, p]));
	const bookable = new Set(await servicePoints.bookableIds(db, ids));
	// a point's next free slot is the same for every home near it until a commit (a booking, a
	// cancellation, a changed rule) or the clock's next slice: read once per generation, not once
	// per point per view (it was most of this function's time)
	const generation = await readGeneration(db, now);
	const nextFreeSlot = (id: number) =>
		remembered(
			db,
			`next-free-slot|${generation}|${id}`,
			async () => (await availability.nextFreeSlots(db, id, now, 1))[0] ?? null
		);
	const categories: CategoryCircle[] = [];
	for (const { code, tierMinutes } of state.source.categories) {
		const points: CategoryCircle['points'] = [];
		for (const facility of nearest.byCategory[code] ?? []) {
			const detail = details.get(Number(facility.facilityId));
			if (!detail) continue;
			const minutes = walkingMinutes(facility.distanceM, speedMps);
			const slot = bookable.has(detail.id) ? await nextFreeSlot(detail.id) : null;
			points.push({
				id: detail.id,
				name: detail.name,
				address: detail.address,
				phone: detail.phone,
				distanceM: Math.round(facility.distanceM),
				minutes: wholeWalkingMinutes(facility.distanceM, speedMps),
				within: minutes <= tierMinutes,
				nextSlot:
					slot && slot.startsAt < now + weekMs
						? { id: slot.id, startsAt: slot.startsAt, free: slot.free }
						: null
			});
		}
		categories.push({ category: code, tierMinutes, within: points[0]?.within ?? false, points });
	}
	return { reachable: nearest.reachable, method: nearest.method, speedMps, categories };
}

/** Per category: the nearest point's minutes and whether it is within tier, at both speeds. */
export async function coverageCard(db: Db, point: LngLat) {
	const state = await coverageState(db);
	const nearest = state.engine.nearestFromPoint(point, { cutoffM: searchCutoffM, limit: 1 });
	return state.source.categories.map(({ code, tierMinutes }) => {
		const distanceM = nearest.byCategory[code]?.[0]?.distanceM ?? null;
		const at = (speedMps: number): WalkAt => {
			if (distanceM === null) return { minutes: null, within: false };
			const minutes = walkingMinutes(distanceM, speedMps);
			return { minutes: wholeWalkingMinutes(distanceM, speedMps), within: minutes <= tierMinutes };
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
export async function walkingRoute(db: Db, point: LngLat, servicePointId: number) {
	const path = (await coverageState(db)).engine.walkingPath(point, String(servicePointId));
	if (!path) return null;
	return { distanceM: Math.round(path.distanceM), coordinates: path.coordinates };
}
