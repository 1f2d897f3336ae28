import { eq } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { servicePoint } from '../db/schema';
import { actor, staffCovers } from '../booking';

/** A service point's management: the result every change answers with, and the scope-checked transaction. */
export type ManageResult =
	| { status: 'ok'; slotsCreated?: number; slotsKept?: number }
	| { status: 'not_found' }
	| { status: 'forbidden' }
	/** deactivating with upcoming bookings: close the days first, so that everyone is told */
	| { status: 'has_bookings'; bookings: number };

/** Runs a change to a service point inside a transaction, after the scope check, and bumps updated_at. */
export function change(
	db: Db,
	servicePointId: number,
	byUserId: number,
	fn: (tx: Db, now: number) => Promise<ManageResult>,
	now = Date.now()
): Promise<ManageResult> {
	return transaction(db, async (tx): Promise<ManageResult> => {
		const [point] = await tx
			.select({ communityCode: servicePoint.communityCode })
			.from(servicePoint)
			.where(eq(servicePoint.id, servicePointId))
			.limit(1);
		if (!point) return { status: 'not_found' };
		const by = await actor(tx, byUserId);
		if (!by || !(await staffCovers(tx, by, point.communityCode))) return { status: 'forbidden' };
		const result = await fn(tx, now);
		// The coverage engine's fingerprint includes max(updated_at): it rebuilds on the next request.
		if (result.status === 'ok')
			await tx
				.update(servicePoint)
				.set({ updatedAt: new Date(Math.max(now, Date.now())) })
				.where(eq(servicePoint.id, servicePointId));
		return result;
	});
}
