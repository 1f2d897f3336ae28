import { standardSpeedMps } from './types';

/** Minutes to walk a distance at a speed: the one conversion every page and the engine use. */
export function walkingMinutes(distanceM: number, speedMps = standardSpeedMps): number {
	return distanceM / speedMps / 60;
}

/** How far one walks in so many minutes at a speed (a tier's reach). */
export function walkingDistanceM(minutes: number, speedMps = standardSpeedMps): number {
	return minutes * 60 * speedMps;
}

/** Whole minutes, rounded up and at least one, so that "within 5 minutes" and "5 minutes" never disagree. */
export function wholeWalkingMinutes(distanceM: number, speedMps = standardSpeedMps): number {
	return Math.max(1, Math.ceil(walkingMinutes(distanceM, speedMps) - 1e-9));
}
