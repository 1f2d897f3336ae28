import { and, asc, eq, gt, gte } from 'drizzle-orm';
import type { Db } from '../db';
import { closure, openingRule, servicePoint, slot } from '../db/schema';
import { countBooked } from '../booking';
import { record } from '../audit';
import { localDate } from '$lib/time';
import type { DetailsInput } from './schemas';
import { change, type ManageResult } from './point-change';
import { resyncSlots } from './opening-hours';

export type { ManageResult };

/** Everything the management page shows about one service point. */
export async function details(db: Db, servicePointId: number, now = Date.now()) {
	const [point] = await db
		.select()
		.from(servicePoint)
		.where(eq(servicePoint.id, servicePointId))
		.limit(1);
	if (!point) return null;
	const rules = await db
		.select()
		.from(openingRule)
		.where(eq(openingRule.servicePointId, servicePointId))
		.orderBy(asc(openingRule.weekday), asc(openingRule.startMinute));
	const closures = await db
		.select({
			id: closure.id,
			startsOn: closure.startsOn,
			endsOn: closure.endsOn,
			reason: closure.reason
		})
		.from(closure)
		.where(and(eq(closure.servicePointId, servicePointId), gte(closure.endsOn, localDate(now))))
		.orderBy(asc(closure.startsOn));
	return { point, rules, closures };
}

export function updateDetails(
	db: Db,
	input: DetailsInput & { servicePointId: number; byUserId: number; now?: number }
): Promise<ManageResult> {
	const { servicePointId, byUserId, now, ...values } = input;
	return change(
		db,
		servicePointId,
		byUserId,
		async (tx, at) => {
			await tx.update(servicePoint).set(values).where(eq(servicePoint.id, servicePointId));
			await record(tx, {
				actorUserId: byUserId,
				action: 'service_point.update',
				entity: 'service_point',
				entityId: servicePointId,
				detail: { fields: Object.keys(values) },
				now: at
			});
			return { status: 'ok' };
		},
		now
	);
}

async function upcomingBookings(tx: Db, servicePointId: number, now: number): Promise<number> {
	return countBooked(
		tx,
		and(eq(slot.servicePointId, servicePointId), gt(slot.endsAt, new Date(now)))
	);
}

/**
 * Activates or deactivates a service point. Inactive points take no bookings and leave the coverage
 * (immediately, through updated_at). Deactivating is refused while people hold upcoming bookings.
 */
export function setActive(
	db: Db,
	input: { servicePointId: number; active: boolean; byUserId: number; now?: number }
): Promise<ManageResult> {
	return change(
		db,
		input.servicePointId,
		input.byUserId,
		async (tx, now) => {
			if (!input.active) {
				const held = await upcomingBookings(tx, input.servicePointId, now);
				if (held > 0) return { status: 'has_bookings', bookings: held };
			}
			await tx
				.update(servicePoint)
				.set({ active: input.active })
				.where(eq(servicePoint.id, input.servicePointId));
			await record(tx, {
				actorUserId: input.byUserId,
				action: input.active ? 'service_point.activate' : 'service_point.deactivate',
				entity: 'service_point',
				entityId: input.servicePointId,
				now
			});
			return input.active ? resyncSlots(tx, input.servicePointId, now) : { status: 'ok' };
		},
		input.now
	);
}
