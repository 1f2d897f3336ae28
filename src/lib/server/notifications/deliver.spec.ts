import { describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { openTestDatabase, closeDatabase, transaction, type Db } from '../db';
import { notification, outbox } from '../db/schema';
import { subject } from '../outbox';
import { createFixture, fixtureNow } from '../testing/booking';
import { hourMs } from '$lib/time';
import { deliver, deliverAll, type Delivery } from './deliver';
import type { Recipient } from './recipients';

const now = fixtureNow;

/** a booking's confirmation and two reminders to two readers, and one message already queued */
function deliveries(recipients: Recipient[]): Delivery[] {
	const about = subject('booking', 41);
	const payload = {
		bookingId: 41,
		slotId: 7,
		code: 'K7Q2',
		servicePointId: 3,
		servicePointName: '社区卫生服务站 <b>',
		phone: '0937-1234567',
		startsAt: now + 48 * hourMs,
		endsAt: now + 48.5 * hourMs,
		forName: '李秀兰'
	};
	const base = { payload, recipients, about, now, communityCode: 'C1' };
	return [
		{ ...base, kind: 'booking_confirmed', topic: 'booking_confirmed' },
		{ ...base, kind: 'booking_reminder', topic: 'reminder-24h', at: now + 24 * hourMs },
		{ ...base, kind: 'booking_reminder', topic: 'reminder-2h', at: now + 46 * hourMs },
		// the same topic again: its text messages are already queued (the outbox keeps one)
		{ ...base, kind: 'booking_confirmed', topic: 'booking_confirmed', sms: true },
		{ ...base, kind: 'waitlist_cleared', topic: 'portal-only', sms: false }
	];
}

async function written(db: Db) {
	const notices = await db.select().from(notification).orderBy(asc(notification.id));
	const messages = await db.select().from(outbox).orderBy(asc(outbox.id));
	return {
		notices: notices.map(({ id: _, ...row }) => row),
		messages: messages.map(({ id: _, ...row }) => row)
	};
}

describe('deliverAll', () => {
	it('writes the same portal rows and text messages, in the same order, as deliver one by one', async () => {
		const results = [];
		for (const batched of [false, true]) {
			const f = await createFixture();
			const recipients: Recipient[] = [
				{
					userId: f.elderId,
					name: '李秀兰',
					phone: '13900000001',
					locale: 'zh-CN',
					audience: 'family'
				},
				{ userId: f.carerId, name: '张丽', phone: '13900000002', locale: 'en', audience: 'carer' },
				{ userId: null, name: '王 guest', phone: '13900000003', locale: 'zh-CN', audience: 'staff' }
			];
			await transaction(f.db, async (tx) => {
				if (batched) await deliverAll(tx, deliveries(recipients));
				else for (const d of deliveries(recipients)) await deliver(tx, d);
			});
			results.push(await written(f.db));
		}
		const [oneByOne, batched] = results;
		// 5 deliveries × 2 readers with an account; 4 with text messages × 3 phones, 3 of them repeated
		expect(oneByOne.notices).toHaveLength(10);
		expect(oneByOne.messages).toHaveLength(9);
		expect(batched).toEqual(oneByOne);
	});

	it('writes nothing for no one', async () => {
		const db = await openTestDatabase();
		try {
			await transaction(db, (tx) => deliverAll(tx, deliveries([])));
			expect(await written(db)).toEqual({ notices: [], messages: [] });
		} finally {
			await closeDatabase(db);
		}
	});
});
