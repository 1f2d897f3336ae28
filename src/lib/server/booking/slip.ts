import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { residence, user } from '../db/schema';
import { log } from '../log';
import { elderlySpeedMps, standardSpeedMps, walkingMinutes } from '$lib/geo';
import type { BookingView } from './queries';

/** Walking directions from the person's home to the service point, when the coverage engine can route. */
export interface WalkingDirections {
	minutes: number;
	distanceM: number;
	/** street names in order, when known */
	via: string[];
}

/**
 * A walking route over the street network (the coverage engine's walkingRoute, passed in by the
 * caller: booking does not depend on coverage, which reads booking's free slots).
 */
export type RouteFinder = (
	db: Db,
	from: [number, number],
	servicePointId: number
) => Promise<{ distanceM: number } | null | undefined> | { distanceM: number } | null | undefined;

/** The person's walking speed in metres per second (profile setting; elders default to the slower pace). */
function speedOf(person: { walkingSpeed: string; walkingSpeedMps: number | null }): number {
	if (person.walkingSpeed === 'custom' && person.walkingSpeedMps) return person.walkingSpeedMps;
	return person.walkingSpeed === 'slow' ? elderlySpeedMps : standardSpeedMps;
}

/**
 * Walking directions from home over the street network (the coverage engine), or null when the person has
 * no home set, the engine has no route, or no network is loaded: the slip then shows the address only.
 */
async function walkingDirections(
	db: Db,
	home: { lng: number; lat: number } | null,
	servicePointId: number,
	speedMps: number,
	walkingRoute: RouteFinder
): Promise<WalkingDirections | null> {
	if (!home) return null;
	try {
		const route = await walkingRoute(db, [home.lng, home.lat], servicePointId);
		if (!route) return null;
		return {
			minutes: walkingMinutes(route.distanceM, speedMps),
			distanceM: route.distanceM,
			via: []
		};
	} catch (error) {
		log.warn('no walking route for a slip', {
			error: error instanceof Error ? error.message : String(error)
		});
		return null;
	}
}

export interface Slip {
	booking: BookingView;
	/** the booking code as an SVG QR code, for scanning at check-in */
	qrSvg: string;
	directions: WalkingDirections | null;
}

export async function slipFor(db: Db, view: BookingView, walkingRoute: RouteFinder): Promise<Slip> {
	const qrSvg = await QRCode.toString(view.code, {
		type: 'svg',
		margin: 1,
		errorCorrectionLevel: 'M'
	});
	const [person] =
		view.forUserId === null
			? []
			: await db
					.select({
						walkingSpeed: user.walkingSpeed,
						walkingSpeedMps: user.walkingSpeedMps,
						lng: residence.lng,
						lat: residence.lat
					})
					.from(user)
					.leftJoin(residence, eq(residence.id, user.homeResidenceId))
					.where(eq(user.id, view.forUserId))
					.limit(1);
	const home =
		person?.lng != null && person.lat != null ? { lng: person.lng, lat: person.lat } : null;
	const directions = person
		? await walkingDirections(db, home, view.servicePoint.id, speedOf(person), walkingRoute)
		: null;
	return { booking: view, qrSvg, directions };
}
