import { sql } from 'drizzle-orm';
import type { Db } from './index';
import { booking, rating, servicePoint, slot, user, waitlistEntry } from './schema';
import { newBookingCode } from '../booking/code';

const quickTags = ['态度好', '准时', '环境好', '饭菜可口', '等待久', '不方便'];
const comments = [
	'服务很周到，谢谢社区！',
	'饭菜清淡，适合老人。',
	'工作人员很耐心。',
	'排队时间有点长。',
	'环境干净整洁。',
	'希望周末也能开放。',
	'预约很方便，到了就能办。'
];
const replies = ['感谢您的认可，我们会继续努力！', '已收到您的意见，我们会改进排队安排。'];

function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Generated residents with bookings in past slots (attended, no-shows, cancellations) and ratings,
 * and some bookings in the coming days, so that figures, lists and charts have something to show.
 */
export function seedHistory(db: Db, options: { seed: number; now: number }) {
	const random = seededRandom(options.seed ^ 0x5eed);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
	const randomIndex = (n: number) => Math.floor(random() * n);
	let bookings = 0;
	let ratings = 0;

	db.$client.transaction(() => {
		const points = db
			.select({ id: servicePoint.id, communityCode: servicePoint.communityCode })
			.from(servicePoint)
			.all();
		const communityOf = new Map(points.map((p) => [p.id, p.communityCode]));
		const residents: { id: number; communityCode: string }[] = [];
		const communities = [...new Set(points.map((p) => p.communityCode))];
		for (let i = 0; i < 400; i++) {
			const communityCode = communities[i % communities.length];
			const [row] = db
				.insert(user)
				.values({
					phone: `139010${String(i).padStart(5, '0')}`,
					name: `居民${String(i + 1).padStart(3, '0')}`,
					communityCode,
					birthYear: 1940 + randomIndex(60),
					generated: true
				})
				.returning({ id: user.id })
				.all();
			residents.push({ id: row.id, communityCode });
		}
		const byCommunity = new Map<string, number[]>();
		for (const r of residents)
			byCommunity.set(r.communityCode, [...(byCommunity.get(r.communityCode) ?? []), r.id]);

		const slots = db
			.select({
				id: slot.id,
				servicePointId: slot.servicePointId,
				startsAt: slot.startsAt,
				endsAt: slot.endsAt,
				capacity: slot.capacity
			})
			.from(slot)
			.all();
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
				const status = !past
					? roll < 0.06
						? 'cancelled'
						: 'booked'
					: roll < 0.8
						? 'attended'
						: roll < 0.88
							? 'no_show'
							: 'cancelled';
				const createdAt = new Date(s.startsAt.getTime() - (1 + randomIndex(6)) * 86_400_000);
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
					const stars = Math.min(5, Math.max(1, Math.round(4.3 + (random() - 0.6) * 3)));
					const answered = random() < 0.5 || stars <= 2;
					ratingRows.push({
						bookingId: id,
						stars,
						tags: stars >= 4 ? [pick(quickTags.slice(0, 4))] : [pick(quickTags.slice(4))],
						comment: random() < 0.5 ? pick(comments) : null,
						createdAt: new Date(s.endsAt.getTime() + 3_600_000),
						reply: answered ? replies[stars <= 2 ? 1 : 0] : null,
						repliedAt: answered ? new Date(s.endsAt.getTime() + 86_400_000) : null
					});
				}
			}
			if (!past && count >= s.capacity && random() < 0.5) {
				for (const userId of people.filter((id) => !chosen.has(id)).slice(0, 2))
					waitlistRows.push({ slotId: s.id, userId, bookedByUserId: userId, channel: 'online' });
			}
		}
		const chunk = 300;
		for (let i = 0; i < bookingRows.length; i += chunk)
			db.insert(booking)
				.values(bookingRows.slice(i, i + chunk))
				.run();
		for (let i = 0; i < ratingRows.length; i += chunk)
			db.insert(rating)
				.values(ratingRows.slice(i, i + chunk))
				.run();
		if (waitlistRows.length > 0) db.insert(waitlistEntry).values(waitlistRows).run();
		db.update(slot)
			.set({
				bookedCount: sql`(select count(*) from ${booking} where ${booking.slotId} = ${slot.id} and ${booking.status} <> 'cancelled')`
			})
			.run();
		bookings = bookingRows.length;
		ratings = ratingRows.length;
	})();
	return { bookings, ratings };
}
