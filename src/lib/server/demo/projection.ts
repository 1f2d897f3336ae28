/**
 * Local metric frame for generating geometry: the city spans ~55 km, so an equirectangular
 * projection at the city's latitude is accurate to well under 1% and keeps the generator simple.
 */
import type { LngLat } from './types';

export const referenceLatitude = 39.8;
export const metresPerDegreeLatitude = 111_320;
export const metresPerDegreeLongitude =
	metresPerDegreeLatitude * Math.cos((referenceLatitude * Math.PI) / 180);

/** The real city centre of Jiayuguan, origin of the local frame. */
export const cityCentre: LngLat = [98.29, 39.77];

/** Metres east/north of the city centre. */
export interface LocalPoint {
	x: number;
	y: number;
}

/**
 * Seven decimals (~1 cm): every coordinate goes through this once, so that edges sharing a node
 * share the exact same numbers and the network is noded by equality.
 */
export function roundCoordinate(value: number): number {
	return Math.round(value * 1e7) / 1e7;
}

export function toLngLat(point: LocalPoint): LngLat {
	return [
		roundCoordinate(cityCentre[0] + point.x / metresPerDegreeLongitude),
		roundCoordinate(cityCentre[1] + point.y / metresPerDegreeLatitude)
	];
}

export function toLocal(point: LngLat): LocalPoint {
	return {
		x: (point[0] - cityCentre[0]) * metresPerDegreeLongitude,
		y: (point[1] - cityCentre[1]) * metresPerDegreeLatitude
	};
}

export function distanceM(a: LocalPoint, b: LocalPoint): number {
	return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Distance from a point to the segment a–b, all in local metres. */
export function distanceToSegmentM(point: LocalPoint, a: LocalPoint, b: LocalPoint): number {
	const dx = b.x - a.x;
	const dy = b.y - a.y;
	const lengthSquared = dx * dx + dy * dy;
	const t =
		lengthSquared === 0
			? 0
			: Math.max(0, Math.min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / lengthSquared));
	return Math.hypot(point.x - (a.x + t * dx), point.y - (a.y + t * dy));
}
