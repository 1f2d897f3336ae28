import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, transaction } from '../db';
import {
	booking,
	familyLink,
	rating,
	servicePoint,
	session,
	slot,
	trustedDevice,
	user
} from '../db/schema';
import { create, generateSessionToken } from '../auth/session';
import { deleteAccount, scrubbedPhone } from './deletion';
import * as family from './family';
import * as invitations from './invitations';
import { addMealCategory, shengli, useTestDatabase } from '../testing/database';
import { addUser } from '../testing/accounts';

beforeEach(async () => {
	await useTestDatabase();
});

async function servicePointWithSlots(now: number) {
	const db = getDb();
	await addMealCategory(db);
	const hour = 3_600_000;
	return await transaction(db, async (tx) => {
		const [point] = await tx
			.insert(servicePoint)
			.values({
				name: '助餐点',
				categoryCode: 'meal',
				communityCode: shengli,
				lng: 98.29,
				lat: 39.77,
				address: '地址',
				phone: '09376200001'
			})
			.returning({ id: servicePoint.id });
		const slotAt = async (start: number) => {
			const [row] = await tx
				.insert(slot)
				.values({
					servicePointId: point.id,
					startsAt: new Date(start),
					endsAt: new Date(start + hour),
					capacity: 5,
					bookedCount: 1
				})
				.returning({ id: slot.id });
			return row.id;
		};
		return { past: await slotAt(now - 48 * hour), future: await slotAt(now + 48 * hour) };
	});
}

describe('deleting an account', () => {
	it('anonymises bookings, keeps ratings without a name, cancels what is upcoming and frees the number', async () => {
		const now = Date.now();
		const me = await addUser({ name: '要注销的人' });
		const carer = await addUser();
		const slots = await servicePointWithSlots(now);
		const db = getDb();
		const futureBooking = await transaction(db, async (tx) => {
			const bookingAt = async (slotId: number, i: number) => {
				const [row] = await tx
					.insert(booking)
					.values({
						slotId,
						userId: me.id,
						bookedByUserId: me.id,
						channel: 'online',
						code: `C${i}`,
						status: i === 0 ? 'attended' : 'booked'
					})
					.returning({ id: booking.id });
				return row;
			};
			const pastBooking = await bookingAt(slots.past, 0);
			const future = await bookingAt(slots.future, 1);
			await tx.insert(rating).values({ bookingId: pastBooking.id, stars: 5, comment: '很好' });
			await tx.insert(trustedDevice).values({
				id: 'device-of-me',
				userId: me.id,
				lastUsedAt: new Date(),
				expiresAt: new Date()
			});
			return future;
		});
		await create(getDb(), generateSessionToken(), me.id, null);
		const link = await invitations.invite(getDb(), carer.id, me.phone, '192.0.2.1');
		if (link.ok) await family.confirm(getDb(), link.linkId, me.id);

		await deleteAccount(getDb(), me.id);

		const bookings = await db.select().from(booking);
		expect(bookings.every((b) => b.userId === null && b.anonymised && b.guestName === null)).toBe(
			true
		);
		expect(bookings.every((b) => b.bookedByUserId === null)).toBe(true);
		expect(bookings.find((b) => b.id === futureBooking.id)?.status).toBe('cancelled');
		const slotRows = await db.select().from(slot);
		expect(slotRows.find((s) => s.id === slots.future)?.bookedCount).toBe(0);
		expect(slotRows.find((s) => s.id === slots.past)?.bookedCount).toBe(1);
		expect(await db.select().from(rating)).toMatchObject([{ stars: 5, comment: '很好' }]);
		expect(await db.select().from(session).where(eq(session.userId, me.id))).toHaveLength(0);
		expect(await db.select().from(familyLink)).toHaveLength(0);
		expect(await db.select().from(trustedDevice)).toHaveLength(0);
		const [stub] = await db.select().from(user).where(eq(user.id, me.id));
		expect(stub).toMatchObject({
			phone: scrubbedPhone(me.id),
			name: '',
			passwordHash: null
		});
		expect(stub?.deletedAt).toBeInstanceOf(Date);

		// the number can register again
		const again = await addUser({ phone: me.phone });
		expect(again.id).not.toBe(me.id);
	});

	it('scrubs to an 11-digit number that can never be a mobile', () => {
		expect(scrubbedPhone(42)).toBe('00000000042');
		expect(scrubbedPhone(42)).toHaveLength(11);
	});
});
