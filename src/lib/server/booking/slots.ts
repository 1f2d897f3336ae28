import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { changedRows, transaction, type Db } from '../db';
import { closure, openingRule, servicePoint, slot } from '../db/schema';
import { groupBy } from '$lib/group-by';
import { addDays, isoWeekday, localDate, localMidnight, minuteMs } from '$lib/time';

export interface MaterialiseOptions {
	/** first local date to materialise (default: today) */
	fromDate?: string;
	/** last local date; default: today + each service point's booking horizon */
	toDate?: string;
	servicePointIds?: number[];
	now?: number;
}

/**
 * Creates the slots that opening rules promise, for every active service point, skipping closed days.
 * Idempotent: existing slots (and their bookings and overrides) are left as they are.
 * Returns the number of slots created.
 */
export async function materialiseSlots(db: Db, options: MaterialiseOptions = {}): Promise<number> {
	const now = options.now ?? Date.now();
	const fromDate = options.fromDate ?? localDate(now);
	const points = await db
		.select({ id: servicePoint.id, horizonDays: servicePoint.bookingHorizonDays })
		.from(servicePoint)
		.where(
			and(
				eq(servicePoint.active, true),
				options.servicePointIds ? inArray(servicePoint.id, options.servicePointIds) : undefined
			)
		);
	if (points.length === 0) return 0;
	const rules = await db.select().from(openingRule).orderBy(openingRule.id);
	const rulesByPoint = groupBy(rules, (rule) => rule.servicePointId);
	const lastDate =
		options.toDate ?? addDays(localDate(now), Math.max(...points.map((p) => p.horizonDays)));
	const closures = await db
		.select()
		.from(closure)
		.where(and(lte(closure.startsOn, lastDate), gte(closure.endsOn, fromDate)));
	const closuresByPoint = groupBy(closures, (c) => c.servicePointId);

	const rows: (typeof slot.$inferInsert)[] = [];
	for (const point of points) {
		const pointRules = rulesByPoint.get(point.id);
		if (!pointRules) continue;
		const pointLast = options.toDate ?? addDays(localDate(now), point.horizonDays);
		const pointClosures = closuresByPoint.get(point.id) ?? [];
		for (let date = fromDate; date <= pointLast; date = addDays(date, 1)) {
			if (pointClosures.some((c) => c.startsOn <= date && date <= c.endsOn)) continue;
			const weekday = isoWeekday(date);
			const midnight = localMidnight(date);
			for (const rule of pointRules) {
				if (rule.weekday !== weekday) continue;
				for (
					let m = rule.startMinute;
					m + rule.slotMinutes <= rule.endMinute;
					m += rule.slotMinutes
				) {
					rows.push({
						servicePointId: point.id,
						startsAt: new Date(midnight + m * minuteMs),
						endsAt: new Date(midnight + (m + rule.slotMinutes) * minuteMs),
						capacity: rule.capacity,
						reservedForAssisted: rule.reservedForAssisted
					});
				}
			}
		}
	}
	if (rows.length === 0) return 0;
	// the existing slots are skipped by the unique (point, start) index, so reading outside the
	// transaction is safe: a slot created meanwhile is not created twice
	return transaction(db, async (tx) => {
		let created = 0;
		for (let i = 0; i < rows.length; i += 500)
			created += changedRows(
				await tx
					.insert(slot)
					.values(rows.slice(i, i + 500))
					.onConflictDoNothing({ target: [slot.servicePointId, slot.startsAt] })
			);
		return created;
	});
}
