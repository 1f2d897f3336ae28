import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import { getDb, type Db } from '../db';
import { user } from '../db/schema';
import type { BookingView } from './queries';

/** Walking directions from the person's home to the service point, when the coverage engine can route. */
export interface WalkingDirections {
	minutes: number;
	distanceM: number;
	/** street names in order, when known */
	via: string[];
}

/**
 * HOOK(coverage): the coverage engine (src/lib/server/coverage/, built separately) will offer a route from a
 * residence to a point. Until it does, slips show the address and no directions. Replace this body with a call
 * to it, e.g. `coverage.route(homeResidenceId, [lng, lat], speedMps)`, keeping the same result type.
 */
export async function walkingDirections(
	homeResidenceId: number | null,
	point: { lng: number; lat: number }
): Promise<WalkingDirections | null> {
	void homeResidenceId;
	void point;
	return null;
}

export interface Slip {
	booking: BookingView;
	/** the booking code as an SVG QR code, for scanning at check-in */
	qrSvg: string;
	directions: WalkingDirections | null;
}

export async function slipFor(view: BookingView, db: Db = getDb()): Promise<Slip> {
	const qrSvg = await QRCode.toString(view.code, {
		type: 'svg',
		margin: 1,
		errorCorrectionLevel: 'M'
	});
	const home =
		view.forUserId === null
			? null
			: (db
					.select({ homeResidenceId: user.homeResidenceId })
					.from(user)
					.where(eq(user.id, view.forUserId))
					.get()?.homeResidenceId ?? null);
	const directions = await walkingDirections(home, view.servicePoint);
	return { booking: view, qrSvg, directions };
}
