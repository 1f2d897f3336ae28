import { and, count, eq, gt, inArray, isNull, notExists } from 'drizzle-orm';
import { changedRows, type Db } from '../db';
import { booking, closure, openingRule, slot, waitlistEntry } from '../db/schema';
import { materialiseSlots } from '../booking';
import { record, type AuditEntry } from '../audit';
import { localDate } from '$lib/time';
import type { RuleInput } from './schemas';
import { change, type ManageResult } from './point-change';

// Opening hours: the rules, their slots kept in step, closures lifted.

/**
 * Makes the upcoming slots follow the current opening rules: upcoming slots nobody booked or waits for
 * (and without a per-slot override or a single-slot cancellation) are dropped and materialised again from
 * the rules; slots with bookings stay as they are, so no one loses a place silently.
 */
export async function resyncSlots(
	tx: Db,
	servicePointId: number,
	now: number,
	/** the days of a lifted closure: their cancelled (unbooked) slots open again */
	reopened?: { startsOn: string; endsOn: string }
): Promise<ManageResult> {
	const candidates = await tx
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
		);
	const free = candidates.filter((s) => {
		if (s.cancelledAt === null) return true;
		const day = localDate(s.startsAt.getTime());
		return reopened !== undefined && reopened.startsOn <= day && day <= reopened.endsOn;
	});
	for (let i = 0; i < free.length; i += 500)
		await tx.delete(slot).where(
			inArray(
				slot.id,
				free.slice(i, i + 500).map((s) => s.id)
			)
		);
	const [kept] = await tx
		.select({ n: count() })
		.from(slot)
		.where(and(eq(slot.servicePointId, servicePointId), gt(slot.startsAt, new Date(now))));
	const slotsKept = kept?.n ?? 0;
	const slotsCreated = await materialiseSlots(tx, { servicePointIds: [servicePointId], now });
	return { status: 'ok', slotsCreated, slotsKept };
}

/** Every change to the rules or closures is audited, then the upcoming slots follow it. */
async function recordAndResync(
	tx: Db,
	servicePointId: number,
	at: number,
	entry: Omit<AuditEntry, 'now'>,
	reopened?: { startsOn: string; endsOn: string }
): Promise<ManageResult> {
	await record(tx, { ...entry, now: at });
	return resyncSlots(tx, servicePointId, at, reopened);
}

export function saveRule(
	db: Db,
	input: RuleInput & {
		servicePointId: number;
		ruleId?: number;
		byUserId: number;
		now?: number;
	}
): Promise<ManageResult> {
	const { servicePointId, ruleId, byUserId, now, ...values } = input;
	return change(
		db,
		servicePointId,
		byUserId,
		async (tx, at) => {
			let id = ruleId;
			if (id !== undefined) {
				const updated = await tx
					.update(openingRule)
					.set(values)
					.where(and(eq(openingRule.id, id), eq(openingRule.servicePointId, servicePointId)));
				if (changedRows(updated) === 0) return { status: 'not_found' };
			} else {
				const [row] = await tx
					.insert(openingRule)
					.values({ ...values, servicePointId })
					.returning({ id: openingRule.id });
				id = row.id;
			}
			return recordAndResync(tx, servicePointId, at, {
				actorUserId: byUserId,
				action: ruleId ? 'opening_rule.update' : 'opening_rule.create',
				entity: 'opening_rule',
				entityId: id,
				detail: { servicePointId, ...values }
			});
		},
		now
	);
}

export function deleteRule(
	db: Db,
	input: { servicePointId: number; ruleId: number; byUserId: number; now?: number }
): Promise<ManageResult> {
	return change(
		db,
		input.servicePointId,
		input.byUserId,
		async (tx, at) => {
			const removed = await tx
				.delete(openingRule)
				.where(
					and(
						eq(openingRule.id, input.ruleId),
						eq(openingRule.servicePointId, input.servicePointId)
					)
				);
			if (changedRows(removed) === 0) return { status: 'not_found' };
			return recordAndResync(tx, input.servicePointId, at, {
				actorUserId: input.byUserId,
				action: 'opening_rule.delete',
				entity: 'opening_rule',
				entityId: input.ruleId,
				detail: { servicePointId: input.servicePointId }
			});
		},
		input.now
	);
}

/** Lifts a closure: its days open again (slots nobody had booked are materialised again). */
export function removeClosure(
	db: Db,
	input: { servicePointId: number; closureId: number; byUserId: number; now?: number }
): Promise<ManageResult> {
	return change(
		db,
		input.servicePointId,
		input.byUserId,
		async (tx, at) => {
			const [row] = await tx
				.select()
				.from(closure)
				.where(
					and(eq(closure.id, input.closureId), eq(closure.servicePointId, input.servicePointId))
				)
				.limit(1);
			if (!row) return { status: 'not_found' };
			await tx.delete(closure).where(eq(closure.id, row.id));
			return recordAndResync(
				tx,
				input.servicePointId,
				at,
				{
					actorUserId: input.byUserId,
					action: 'closure.delete',
					entity: 'closure',
					entityId: row.id,
					detail: { startsOn: row.startsOn, endsOn: row.endsOn }
				},
				row
			);
		},
		input.now
	);
}
