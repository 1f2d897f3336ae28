import { and, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { booking, closure, servicePoint, slot, waitlistEntry } from '../db/schema';
import { actor, staffCovers } from './access';
import { record } from '../audit';
import { releaseBooking } from './cancel';
import { notifyCancelled, notifyWaitlistCleared } from '../notifications';
import { loadSlot } from './slot-context';
import { addDays, isValidLocalDate, localMidnight } from '$lib/time';

export type ClosureResult =
	| { status: 'ok'; closureId: number; cancelledBookings: number; clearedWaitlist: number }
	| { status: 'invalid' }
	| { status: 'not_found' }
	| { status: 'forbidden' };

/**
 * Closes a service point for a range of local dates (holidays, ad-hoc). The slots of those days that have
 * not started are cancelled; their bookings are cancelled with a notice to each person (and carer), and the
 * waitlists are cleared with a notice, all in one transaction.
 */
export async function addClosure(
	db: Db,
	input: {
		servicePointId: number;
		startsOn: string;
		endsOn: string;
		reason: string;
		byUserId: number;
		now?: number;
	}
): Promise<ClosureResult> {
	if (!isValidLocalDate(input.startsOn) || !isValidLocalDate(input.endsOn))
		return { status: 'invalid' };
	if (input.endsOn < input.startsOn || input.reason.trim() === '') return { status: 'invalid' };
	return transaction(db, async (tx): Promise<ClosureResult> => {
		const now = input.now ?? Date.now();
		const [point] = await tx
			.select({ communityCode: servicePoint.communityCode })
			.from(servicePoint)
			.where(eq(servicePoint.id, input.servicePointId))
			.limit(1);
		if (!point) return { status: 'not_found' };
		const by = await actor(tx, input.byUserId);
		if (!by || !(await staffCovers(tx, by, point.communityCode))) return { status: 'forbidden' };
		const reason = input.reason.trim();
		const [created] = await tx
			.insert(closure)
			.values({
				servicePointId: input.servicePointId,
				startsOn: input.startsOn,
				endsOn: input.endsOn,
				reason,
				createdByUserId: input.byUserId,
				createdAt: new Date(now)
			})
			.returning({ id: closure.id });
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'closure.create',
			entity: 'closure',
			entityId: created.id,
			detail: { startsOn: input.startsOn, endsOn: input.endsOn, reason },
			now
		});
		const slots = await tx
			.select({ id: slot.id })
			.from(slot)
			.where(
				and(
					eq(slot.servicePointId, input.servicePointId),
					gte(slot.startsAt, new Date(Math.max(now, localMidnight(input.startsOn)))),
					lt(slot.startsAt, new Date(localMidnight(addDays(input.endsOn, 1)))),
					isNull(slot.cancelledAt)
				)
			)
			.orderBy(slot.startsAt);
		let cancelledBookings = 0;
		let clearedWaitlist = 0;
		for (const { id } of slots) {
			const counts = await cancelSlotIn(tx, id, { byUserId: input.byUserId, reason, now });
			cancelledBookings += counts.cancelledBookings;
			clearedWaitlist += counts.clearedWaitlist;
		}
		return { status: 'ok', closureId: created.id, cancelledBookings, clearedWaitlist };
	});
}

/**
 * Cancels one slot inside the caller's transaction: its bookings are cancelled with a notice to each person
 * (and carer), its waitlist is cleared with a notice, and the slot is marked cancelled (closures and staff
 * cancelling a single slot share this).
 */
export async function cancelSlotIn(
	tx: Db,
	slotId: number,
	detail: { byUserId: number; reason: string; now: number }
): Promise<{ cancelledBookings: number; clearedWaitlist: number }> {
	const { byUserId, reason, now } = detail;
	const slotCtx = (await loadSlot(tx, slotId))!;
	const active = await tx
		.select()
		.from(booking)
		.where(and(eq(booking.slotId, slotId), eq(booking.status, 'booked')))
		.orderBy(booking.id);
	for (const row of active) {
		await releaseBooking(tx, row, slotCtx, {
			byUserId,
			reason,
			now,
			action: 'booking.cancel_by_closure'
		});
		await notifyCancelled(tx, {
			bookingId: row.id,
			slot: slotCtx,
			kind: 'booking_cancelled_closure',
			reason,
			now
		});
	}
	const waiting = await tx
		.select()
		.from(waitlistEntry)
		.where(and(eq(waitlistEntry.slotId, slotId), eq(waitlistEntry.status, 'waiting')))
		.orderBy(waitlistEntry.id);
	if (waiting.length > 0)
		await tx
			.update(waitlistEntry)
			.set({ status: 'cleared' })
			.where(
				inArray(
					waitlistEntry.id,
					waiting.map((w) => w.id)
				)
			);
	for (const entry of waiting)
		if (entry.userId !== null)
			await notifyWaitlistCleared(tx, {
				entryId: entry.id,
				userId: entry.userId,
				slot: slotCtx,
				reason,
				now
			});
	await tx
		.update(slot)
		.set({ cancelledAt: new Date(now), cancelReason: reason })
		.where(eq(slot.id, slotId));
	return { cancelledBookings: active.length, clearedWaitlist: waiting.length };
}
