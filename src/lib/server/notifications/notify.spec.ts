import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bookings, changes } from '../booking';
import { notification, outbox, user } from '../db/schema';
import { createFixture, fixtureNow } from '../testing/booking';
import { hourMs } from '$lib/time';

const now = fixtureNow;

type Fixture = Awaited<ReturnType<typeof createFixture>>;

async function phoneOf(f: Fixture, id: number) {
	const [row] = await f.db.select({ phone: user.phone }).from(user).where(eq(user.id, id));
	return row.phone;
}

/** The confirmation text each phone was sent (reminders are sent later). */
async function confirmations(f: Fixture) {
	const rows = await f.db.select().from(outbox);
	return new Map(rows.filter((r) => r.sendAfter === null).map((r) => [r.recipient, r.body]));
}

describe('who is told what when a booking is made', () => {
	it('a carer books for the elder: the elder hears who booked, the carer hears for whom', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 48 * hourMs });
		const result = await bookings.book(f.db, {
			slotId,
			forUserId: f.elderId,
			byUserId: f.carerId,
			now
		});
		expect(result.status).toBe('ok');
		const sent = await confirmations(f);
		expect(sent.get(await phoneOf(f, f.elderId))).toMatch(
			/^【嘉峪关生活圈】您的家人女儿为您预约了 /
		);
		expect(sent.get(await phoneOf(f, f.carerId))).toMatch(/^【嘉峪关生活圈】您已为长辈预约 /);
		// the portal keeps each reader's own copy
		const notices = await f.db.select().from(notification);
		const confirmed = notices.filter((n) => n.kind === 'booking_confirmed');
		expect(
			confirmed.map((n) => [n.userId, (n.payload as { audience?: string }).audience]).sort()
		).toEqual(
			[
				[f.elderId, 'family'],
				[f.carerId, 'carer']
			].sort()
		);
		// the reminders too, to both
		expect(notices.filter((n) => n.kind === 'booking_reminder')).toHaveLength(4);
	});

	it('a person who books for themself is spoken to, not named', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 48 * hourMs });
		await bookings.book(f.db, { slotId, byUserId: f.residents[0], now });
		const sent = [...(await confirmations(f)).values()]; // not a query
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatch(/^【嘉峪关生活圈】您已预约 /);
		expect(sent[0]).not.toContain('居民1');
	});

	it('staff booking on the phone for a resident say so', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 48 * hourMs });
		const result = await bookings.book(f.db, {
			slotId,
			forUserId: f.residents[1],
			byUserId: f.staffId,
			channel: 'phone',
			now
		});
		expect(result.status).toBe('ok');
		const sent = await confirmations(f);
		expect(sent.get(await phoneOf(f, f.residents[1]))).toMatch(/社区工作人员为您预约了/);
	});
});

/** Texts about a cancellation (the cancelled booking's unsent confirmation and reminders are dropped). */
async function cancellationTexts(f: Fixture) {
	return (await f.db.select().from(outbox).orderBy(outbox.id)).filter((t) =>
		t.dedupeKey?.includes('cancelled_by_family')
	);
}

describe('who is told when a family booking is cancelled', () => {
	it('a carer cancelling for the elder: the elder is told who did it, the carer keeps a copy', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 48 * hourMs });
		const made = await bookings.book(f.db, {
			slotId,
			forUserId: f.elderId,
			byUserId: f.carerId,
			now
		});
		if (made.status !== 'ok') throw new Error(made.status);
		expect(
			(await changes.cancel(f.db, { bookingId: made.booking.id, byUserId: f.carerId, now })).status
		).toBe('ok');
		const texts = await cancellationTexts(f);
		// one text, to the elder; the carer did it and is not texted about it
		expect(texts.map((t) => [t.recipient, t.body])).toEqual([
			[
				await phoneOf(f, f.elderId),
				expect.stringMatching(/^【嘉峪关生活圈】您的家人女儿取消了您 .+的预约。$/)
			]
		]);
		const notices = (await f.db.select().from(notification)).filter(
			(n) => n.kind === 'booking_cancelled_by_family'
		);
		expect(notices.map((n) => n.userId).sort()).toEqual([f.elderId, f.carerId].sort());
	});

	it('the elder cancelling what the carer booked tells the carer', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 48 * hourMs });
		const made = await bookings.book(f.db, {
			slotId,
			forUserId: f.elderId,
			byUserId: f.carerId,
			now
		});
		if (made.status !== 'ok') throw new Error(made.status);
		await changes.cancel(f.db, { bookingId: made.booking.id, byUserId: f.elderId, now });
		const texts = await cancellationTexts(f);
		expect(texts.map((t) => [t.recipient, t.body])).toEqual([
			[
				await phoneOf(f, f.carerId),
				expect.stringMatching(/^【嘉峪关生活圈】长辈取消了您为其预约的 /)
			]
		]);
	});

	it('a person cancelling their own booking is not told about it', async () => {
		const f = await createFixture();
		const slotId = await f.addSlot({ startsIn: 48 * hourMs });
		const made = await bookings.book(f.db, { slotId, byUserId: f.residents[0], now });
		if (made.status !== 'ok') throw new Error(made.status);
		expect(
			(await changes.cancel(f.db, { bookingId: made.booking.id, byUserId: f.residents[0], now }))
				.status
		).toBe('ok');
		expect(await cancellationTexts(f)).toEqual([]);
		expect((await f.db.select().from(notification)).map((n) => n.kind)).not.toContain(
			'booking_cancelled_by_family'
		);
	});
});
