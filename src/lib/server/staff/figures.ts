import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { booking, slot, waitlistEntry } from '../db/schema';
import { localDate, localMidnight, localTime } from '$lib/time';
import type { DayBooking } from './day';

export interface MonthFigures {
	servicePointId: number;
	bookings: number;
	attended: number;
	noShows: number;
	cancellations: number;
	/** the most people waiting for one slot in the month */
	waitlistPeak: number;
}

/** The first day of the month after a YYYY-MM month. */
function nextMonth(month: string): string {
	const [y, mo] = month.split('-').map(Number);
	return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
}

export function currentMonth(now = Date.now()): string {
	return localDate(now).slice(0, 7);
}

/** A month's figures per service point (slots starting in that local month). */
export async function monthFigures(
	db: Db,
	pointIds: number[],
	month: string
): Promise<MonthFigures[]> {
	if (pointIds.length === 0) return [];
	const from = new Date(localMidnight(`${month}-01`));
	const to = new Date(localMidnight(nextMonth(month)));
	const inMonth = and(
		inArray(slot.servicePointId, pointIds),
		gte(slot.startsAt, from),
		lt(slot.startsAt, to)
	);
	// PostgreSQL returns count and sum as bigint/numeric text: mapped to numbers
	const counts = await db
		.select({
			pointId: slot.servicePointId,
			bookings: count(),
			attended:
				sql<number>`sum(case when ${booking.status} = 'attended' then 1 else 0 end)`.mapWith(
					Number
				),
			noShows: sql<number>`sum(case when ${booking.status} = 'no_show' then 1 else 0 end)`.mapWith(
				Number
			),
			cancellations:
				sql<number>`sum(case when ${booking.status} = 'cancelled' then 1 else 0 end)`.mapWith(
					Number
				)
		})
		.from(booking)
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.where(inMonth)
		.groupBy(slot.servicePointId);
	const perSlot = await db
		.select({ pointId: slot.servicePointId, n: count() })
		.from(waitlistEntry)
		.innerJoin(slot, eq(slot.id, waitlistEntry.slotId))
		.where(inMonth)
		.groupBy(waitlistEntry.slotId, slot.servicePointId);
	const peaks = new Map<number, number>();
	for (const row of perSlot) peaks.set(row.pointId, Math.max(peaks.get(row.pointId) ?? 0, row.n));
	const byPoint = new Map(counts.map((c) => [c.pointId, c]));
	return pointIds.map((id) => {
		const c = byPoint.get(id);
		return {
			servicePointId: id,
			bookings: c?.bookings ?? 0,
			attended: c?.attended ?? 0,
			noShows: c?.noShows ?? 0,
			cancellations: c?.cancellations ?? 0,
			waitlistPeak: peaks.get(id) ?? 0
		};
	});
}

/** A day's list as CSV rows: time, code, name, masked phone, channel, status (labels given by the caller). */
export function dayRows(
	bookings: DayBooking[],
	slots: Map<number, { startsAt: number; endsAt: number }>,
	label: {
		channel: (c: DayBooking['channel']) => string;
		status: (s: DayBooking['status']) => string;
	}
): string[][] {
	return bookings.map((b) => {
		const s = slots.get(b.slotId)!;
		return [
			`${localTime(s.startsAt)}–${localTime(s.endsAt)}`,
			b.code,
			b.name,
			b.phoneMasked,
			label.channel(b.channel),
			label.status(b.status)
		];
	});
}
