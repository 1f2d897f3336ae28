import { and, asc, eq, gt, gte, inArray, isNull, notExists, sql } from 'drizzle-orm';
import { immediate, type Db } from '../db';
import { booking, closure, openingRule, servicePoint, slot, waitlistEntry } from '../db/schema';
import { actor, materialiseSlots, staffCovers } from '../booking';
import { record } from '../audit';
import { localDate } from '$lib/time';
import type { DetailsInput, RuleInput } from './schemas';

export type ManageResult =
	| { status: 'ok'; slotsCreated?: number; slotsKept?: number }
	| { status: 'not_found' }
	| { status: 'forbidden' }
	/** deactivating with upcoming bookings: close the days first, so that everyone is told */
	| { status: 'has_bookings'; bookings: number };

/** Everything the management page shows about one service point. */
export function details(db: Db, servicePointId: number, now = Date.now()) {
	const point = db.select().from(servicePoint).where(eq(servicePoint.id, servicePointId)).get();
	if (!point) return null;
	const rules = db
		.select()
		.from(openingRule)
		.where(eq(openingRule.servicePointId, servicePointId))
		.orderBy(asc(openingRule.weekday), asc(openingRule.startMinute))
		.all();
	const closures = db
		.select({
			id: closure.id,
			startsOn: closure.startsOn,
			endsOn: closure.endsOn,
			reason: closure.reason
		})
		.from(closure)
		.where(and(eq(closure.servicePointId, servicePointId), gte(closure.endsOn, localDate(now))))
		.orderBy(asc(closure.startsOn))
		.all();
	return { point, rules, closures };
}

/** Runs a change to a service point inside a transaction, after the scope check, and bumps updated_at. */
function change(
	servicePointId: number,
	byUserId: number,
	db: Db,
	fn: (tx: Db, now: number) => ManageResult,
	now = Date.now()
): ManageResult {
	return immediate(db, (tx) => {
		const point = tx
			.select({ communityCode: servicePoint.communityCode })
			.from(servicePoint)
			.where(eq(servicePoint.id, servicePointId))
			.get();
		if (!point) return { status: 'not_found' };
		const by = actor(tx, byUserId);
		if (!by || !staffCovers(tx, by, point.communityCode)) return { status: 'forbidden' };
		const result = fn(tx, now);
		// The coverage engine's fingerprint includes max(updated_at): it rebuilds on the next request.
		if (result.status === 'ok')
			tx.update(servicePoint)
				.set({ updatedAt: new Date(Math.max(now, Date.now())) })
				.where(eq(servicePoint.id, servicePointId))
				.run();
		return result;
	});
}

export function updateDetails(
	db: Db,
	input: DetailsInput & { servicePointId: number; byUserId: number; now?: number }
): ManageResult {
	const { servicePointId, byUserId, now, ...values } = input;
	return change(
		servicePointId,
		byUserId,
		db,
		(tx, at) => {
			tx.update(servicePoint).set(values).where(eq(servicePoint.id, servicePointId)).run();
			record(tx, {
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

function upcomingBookings(tx: Db, servicePointId: number, now: number): number {
	return (
		tx
			.select({ n: sql<number>`count(*)` })
			.from(booking)
			.innerJoin(slot, eq(slot.id, booking.slotId))
			.where(
				and(
					eq(slot.servicePointId, servicePointId),
					eq(booking.status, 'booked'),
					gt(slot.endsAt, new Date(now))
				)
			)
			.get()?.n ?? 0
	);
}

/**
 * Activates or deactivates a service point. Inactive points take no bookings and leave the coverage
 * (immediately, through updated_at). Deactivating is refused while people hold upcoming bookings.
 */
export function setActive(
	db: Db,
	input: { servicePointId: number; active: boolean; byUserId: number; now?: number }
): ManageResult {
	return change(
		input.servicePointId,
		input.byUserId,
		db,
		(tx, now) => {
			if (!input.active) {
				const held = upcomingBookings(tx, input.servicePointId, now);
				if (held > 0) return { status: 'has_bookings', bookings: held };
			}
			tx.update(servicePoint)
				.set({ active: input.active })
				.where(eq(servicePoint.id, input.servicePointId))
				.run();
			record(tx, {
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

/**
 * Makes the upcoming slots follow the current opening rules: upcoming slots nobody booked or waits for
 * (and without a per-slot override or a single-slot cancellation) are dropped and materialised again from
 * the rules; slots with bookings stay as they are, so no one loses a place silently.
 */
export function resyncSlots(
	tx: Db,
	servicePointId: number,
	now: number,
	/** the days of a lifted closure: their cancelled (unbooked) slots open again */
	reopened?: { startsOn: string; endsOn: string }
): ManageResult {
	const free = tx
		.select({ id: slot.id, startsAt: slot.startsAt, cancelledAt: slot.cancelledAt })
		.from(slot)
		.where(
			and(
				eq(slot.servicePointId, servicePointId),
				gt(slot.startsAt, new Date(now)),
				isNull(slot.capacityOverride),
				notExists(tx.select({ id: booking.id }).from(booking).where(eq(booking.slotId, slot.id))),
				notExists(
					tx
						.select({ id: waitlistEntry.id })
						.from(waitlistEntry)
						.where(eq(waitlistEntry.slotId, slot.id))
				)
			)
		)
		.all()
		.filter((s) => {
			if (s.cancelledAt === null) return true;
			const day = localDate(s.startsAt.getTime());
			return reopened !== undefined && reopened.startsOn <= day && day <= reopened.endsOn;
		});
	for (let i = 0; i < free.length; i += 500)
		tx.delete(slot)
			.where(
				inArray(
					slot.id,
					free.slice(i, i + 500).map((s) => s.id)
				)
			)
			.run();
	const slotsKept =
		tx
			.select({ n: sql<number>`count(*)` })
			.from(slot)
			.where(and(eq(slot.servicePointId, servicePointId), gt(slot.startsAt, new Date(now))))
			.get()?.n ?? 0;
	const slotsCreated = materialiseSlots(tx, { servicePointIds: [servicePointId], now });
	return { status: 'ok', slotsCreated, slotsKept };
}

export function saveRule(
	db: Db,
	input: RuleInput & {
		servicePointId: number;
		ruleId?: number;
		byUserId: number;
		now?: number;
	}
): ManageResult {
	const { servicePointId, ruleId, byUserId, now, ...values } = input;
	return change(
		servicePointId,
		byUserId,
		db,
		(tx, at) => {
			let id = ruleId;
			if (id !== undefined) {
				const updated = tx
					.update(openingRule)
					.set(values)
					.where(and(eq(openingRule.id, id), eq(openingRule.servicePointId, servicePointId)))
					.run();
				if (updated.changes === 0) return { status: 'not_found' };
			} else {
				id = tx
					.insert(openingRule)
					.values({ ...values, servicePointId })
					.returning({ id: openingRule.id })
					.get().id;
			}
			record(tx, {
				actorUserId: byUserId,
				action: ruleId ? 'opening_rule.update' : 'opening_rule.create',
				entity: 'opening_rule',
				entityId: id,
				detail: { servicePointId, ...values },
				now: at
			});
			return resyncSlots(tx, servicePointId, at);
		},
		now
	);
}

export function deleteRule(
	db: Db,
	input: { servicePointId: number; ruleId: number; byUserId: number; now?: number }
): ManageResult {
	return change(
		input.servicePointId,
		input.byUserId,
		db,
		(tx, at) => {
			const removed = tx
				.delete(openingRule)
				.where(
					and(
						eq(openingRule.id, input.ruleId),
						eq(openingRule.servicePointId, input.servicePointId)
					)
				)
				.run();
			if (removed.changes === 0) return { status: 'not_found' };
			record(tx, {
				actorUserId: input.byUserId,
				action: 'opening_rule.delete',
				entity: 'opening_rule',
				entityId: input.ruleId,
				detail: { servicePointId: input.servicePointId },
				now: at
			});
			return resyncSlots(tx, input.servicePointId, at);
		},
		input.now
	);
}

/** Lifts a closure: its days open again (slots nobody had booked are materialised again). */
export function removeClosure(
	db: Db,
	input: { servicePointId: number; closureId: number; byUserId: number; now?: number }
): ManageResult {
	return change(
		input.servicePointId,
		input.byUserId,
		db,
		(tx, at) => {
			const row = tx
				.select()
				.from(closure)
				.where(
					and(eq(closure.id, input.closureId), eq(closure.servicePointId, input.servicePointId))
				)
				.get();
			if (!row) return { status: 'not_found' };
			tx.delete(closure).where(eq(closure.id, row.id)).run();
			record(tx, {
				actorUserId: input.byUserId,
				action: 'closure.delete',
				entity: 'closure',
				entityId: row.id,
				detail: { startsOn: row.startsOn, endsOn: row.endsOn },
				now: at
			});
			return resyncSlots(tx, input.servicePointId, at, row);
		},
		input.now
	);
}
