import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '../db';
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

beforeEach(() => {
	useTestDatabase();
});

function servicePointWithSlots(now: number) {
	const db = getDb();
	addMealCategory(db);
	const point = db
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
		.returning({ id: servicePoint.id })
		.get();
	const hour = 3_600_000;
	const [past, future] = [now - 48 * hour, now + 48 * hour].map((start) =>
		db
			.insert(slot)
			.values({
				servicePointId: point.id,
				startsAt: new Date(start),
				endsAt: new Date(start + hour),
				capacity: 5,
				bookedCount: 1
			})
			.returning({ id: slot.id })
			.get()
	);
	return { past: past.id, future: future.id };
}

describe('deleting an account', () => {
	it('anonymises bookings, keeps ratings without a name, cancels what is upcoming and frees the number', async () => {
		const now = Date.now();
		const me = await addUser({ name: '要注销的人' });
		const carer = await addUser();
		const slots = servicePointWithSlots(now);
		const db = getDb();
		const [pastBooking, futureBooking] = [slots.past, slots.future].map((slotId, i) =>
			db
				.insert(booking)
				.values({
					slotId,
					userId: me.id,
					bookedByUserId: me.id,
					channel: 'online',
					code: `C${i}`,
					status: i === 0 ? 'attended' : 'booked'
				})
				.returning({ id: booking.id })
				.get()
		);
		db.insert(rating).values({ bookingId: pastBooking.id, stars: 5, comment: '很好' }).run();
		create(getDb(), generateSessionToken(), me.id, null);
		db.insert(trustedDevice)
			.values({ id: 'device-of-me', userId: me.id, lastUsedAt: new Date(), expiresAt: new Date() })
			.run();
		const link = invitations.invite(getDb(), carer.id, me.phone, '192.0.2.1');
		if (link.ok) family.confirm(getDb(), link.linkId, me.id);

		deleteAccount(getDb(), me.id);

		const bookings = db.select().from(booking).all();
		expect(bookings.every((b) => b.userId === null && b.anonymised && b.guestName === null)).toBe(
			true
		);
		expect(bookings.every((b) => b.bookedByUserId === null)).toBe(true);
		expect(db.select().from(booking).where(eq(booking.id, futureBooking.id)).get()?.status).toBe(
			'cancelled'
		);
		expect(db.select().from(slot).where(eq(slot.id, slots.future)).get()?.bookedCount).toBe(0);
		expect(db.select().from(slot).where(eq(slot.id, slots.past)).get()?.bookedCount).toBe(1);
		expect(db.select().from(rating).get()).toMatchObject({ stars: 5, comment: '很好' });
		expect(db.select().from(session).where(eq(session.userId, me.id)).all()).toHaveLength(0);
		expect(db.select().from(familyLink).all()).toHaveLength(0);
		expect(db.select().from(trustedDevice).all()).toHaveLength(0);
		const stub = db.select().from(user).where(eq(user.id, me.id)).get();
		expect(stub).toMatchObject({
			phone: scrubbedPhone(getDb(), me.id),
			name: '',
			passwordHash: null
		});
		expect(stub?.deletedAt).toBeInstanceOf(Date);

		// the number can register again
		const again = await addUser({ phone: me.phone });
		expect(again.id).not.toBe(me.id);
	});

	it('scrubs to an 11-digit number that can never be a mobile', () => {
		expect(scrubbedPhone(getDb(), 42)).toBe('00000000042');
		expect(scrubbedPhone(getDb(), 42)).toHaveLength(11);
	});
});
