import { sql } from 'drizzle-orm';
import { resetIdentities, transaction, type Db } from '../db';
import { insertMany } from './bulk-insert';
import { booking, rating, servicePoint, slot, user, waitlistEntry } from '../db/schema';
import { newBookingCode, personLimit } from '../booking';
import { ratingWords } from './ratings';
import { seededRandom } from '$lib/seeded-random';

const surnames = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const givenNames = ['秀兰', '桂英', '建国', '淑珍', '玉梅', '志强', '凤英', '国华', '兰英', '德明'];

/**
 * Generated residents with bookings in past slots (attended, no-shows, cancellations) and ratings,
 * and some bookings in the coming days, so that figures, lists and charts have something to show.
 */
export function seedHistory(
	db: Db,
	options: { seed: number; now: number }
): Promise<{ bookings: number; ratings: number }> {
	return transaction(db, async (tx) => {
		// the random sequence starts inside: a transaction run again (PostgreSQL) seeds the same history
		const random = seededRandom(options.seed ^ 0x5eed);
		const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
		const randomIndex = (n: number) => Math.floor(random() * n);
		// ordered: the random choices below follow the rows' order
		const points = await tx
			.select({
				id: servicePoint.id,
				communityCode: servicePoint.communityCode,
				categoryCode: servicePoint.categoryCode
			})
			.from(servicePoint)
			.orderBy(servicePoint.id);
		const communityOf = new Map(points.map((p) => [p.id, p.communityCode]));
		const categoryOf = new Map(points.map((p) => [p.id, p.categoryCode]));
		// A generated resident holds no more upcoming bookings than the booking service would let them
		// make; the rest of an upcoming slot's places go to people booked by phone or at the desk
		// without an account, as staff do for elders without a smartphone.
		const limit = personLimit();
		const upcoming = new Map<number, number>();
		let guests = 0;
		const residents: { id: number; communityCode: string }[] = [];
		const communities = [...new Set(points.map((p) => p.communityCode))];
		for (let i = 0; i < 400; i++) {
			const communityCode = communities[i % communities.length];
			const [row] = await tx
				.insert(user)
				.values({
					phone: `139010${String(i).padStart(5, '0')}`,
					name: `居民${String(i + 1).padStart(3, '0')}`,
					communityCode,
					birthYear: 1940 + randomIndex(60),
					generated: true
				})
				.returning({ id: user.id });
			residents.push({ id: row.id, communityCode });
		}
		const byCommunity = new Map<string, number[]>();
		for (const r of residents)
			byCommunity.set(r.communityCode, [...(byCommunity.get(r.communityCode) ?? []), r.id]);

		const slots = await tx
			.select({
				id: slot.id,
				servicePointId: slot.servicePointId,
				startsAt: slot.startsAt,
				endsAt: slot.endsAt,
				capacity: slot.capacity
			})
			.from(slot)
			.orderBy(slot.id);
		const bookedAhead = (s: { startsAt: Date }) =>
			new Date(s.startsAt.getTime() - (1 + randomIndex(6)) * 86_400_000);
		const guestBooking = (
			id: number,
			s: { id: number; startsAt: Date },
			roll: number,
			n: number
		): typeof booking.$inferInsert => {
			const status = roll < 0.06 ? 'cancelled' : 'booked';
			const createdAt = bookedAhead(s);
			return {
				id,
				slotId: s.id,
				guestName: surnames[n % surnames.length] + givenNames[(n * 7) % givenNames.length],
				guestPhone: `139020${String(n % 100_000).padStart(5, '0')}`,
				channel: roll < 0.6 ? 'phone' : 'desk',
				status,
				code: uniqueCode(),
				createdAt,
				statusChangedAt: status === 'booked' ? null : createdAt,
				cancelReason: status === 'cancelled' ? '临时有事' : null
			};
		};
		const codes = new Set<string>();
		const uniqueCode = () => {
			let code = newBookingCode(randomIndex);
			while (codes.has(code)) code = newBookingCode(randomIndex);
			codes.add(code);
			return code;
		};
		// Ids are assigned here so that ratings can refer to bookings without a read-back per row.
		const bookingRows: (typeof booking.$inferInsert)[] = [];
		const ratingRows: (typeof rating.$inferInsert)[] = [];
		const waitlistRows: (typeof waitlistEntry.$inferInsert)[] = [];
		for (const s of slots) {
			const past = s.endsAt.getTime() < options.now;
			const fill = past ? random() * 0.6 : random() * random() * 1.2;
			const people =
				byCommunity.get(communityOf.get(s.servicePointId)!) ?? residents.map((r) => r.id);
			const count = Math.min(s.capacity, Math.round(s.capacity * fill), people.length);
			const chosen = new Set<number>();
			while (chosen.size < count) chosen.add(pick(people));
			for (const userId of chosen) {
				const roll = random();
				if (!past && (upcoming.get(userId) ?? 0) >= limit) {
					bookingRows.push(guestBooking(bookingRows.length + 1, s, roll, guests++));
					continue;
				}
				const status = !past
					? roll < 0.06
						? 'cancelled'
						: 'booked'
					: roll < 0.8
						? 'attended'
						: roll < 0.88
							? 'no_show'
							: 'cancelled';
				if (!past && status === 'booked') upcoming.set(userId, (upcoming.get(userId) ?? 0) + 1);
				const createdAt = bookedAhead(s);
				const id = bookingRows.length + 1;
				bookingRows.push({
					id,
					slotId: s.id,
					userId,
					bookedByUserId: userId,
					channel: roll < 0.7 ? 'online' : roll < 0.85 ? 'phone' : 'desk',
					status,
					code: uniqueCode(),
					createdAt,
					statusChangedAt: status === 'booked' ? null : past ? s.endsAt : createdAt,
					cancelledByUserId: status === 'cancelled' ? userId : null,
					cancelReason: status === 'cancelled' ? '临时有事' : null
				});
				if (status === 'attended' && random() < 0.4) {
					// mostly content, with the few complaints every service gets (average about 4.2)
					const starRoll = random();
					const stars =
						starRoll < 0.03 ? 1 : starRoll < 0.08 ? 2 : starRoll < 0.2 ? 3 : starRoll < 0.5 ? 4 : 5;
					const answered = random() < 0.5 || stars <= 2;
					const words = ratingWords(categoryOf.get(s.servicePointId)!, stars, random, answered);
					ratingRows.push({
						bookingId: id,
						stars,
						...words,
						createdAt: new Date(s.endsAt.getTime() + 3_600_000),
						repliedAt: answered ? new Date(s.endsAt.getTime() + 86_400_000) : null
					});
				}
			}
			if (!past && count >= s.capacity && random() < 0.5) {
				for (const userId of people.filter((id) => !chosen.has(id)).slice(0, 2))
					waitlistRows.push({ slotId: s.id, userId, bookedByUserId: userId, channel: 'online' });
			}
		}
		await insertMany(tx, booking, bookingRows);
		// the bookings' ids were given here: PostgreSQL's identity sequence moves past them
		await resetIdentities(tx);
		await insertMany(tx, rating, ratingRows);
		await insertMany(tx, waitlistEntry, waitlistRows);
		await tx.update(slot).set({
			bookedCount: sql`(select count(*) from ${booking} where ${booking.slotId} = ${slot.id} and ${booking.status} <> 'cancelled')`
		});
		return { bookings: bookingRows.length, ratings: ratingRows.length };
	});
}
