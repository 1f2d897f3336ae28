import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bookings, changes } from '../booking';
import { notification, outbox, user } from '../db/schema';
import { createFixture, fixtureNow } from '../testing/booking';
import { hourMs } from '$lib/time';

const now = fixtureNow;

function phoneOf(f: ReturnType<typeof createFixture>, id: number) {
	return f.db.select({ phone: user.phone }).from(user).where(eq(user.id, id)).get()!.phone;
}

/** The confirmation text each phone was sent (reminders are sent later). */
function confirmations(f: ReturnType<typeof createFixture>) {
	const rows = f.db.select().from(outbox).all();
	return new Map(rows.filter((r) => r.sendAfter === null).map((r) => [r.recipient, r.body]));
}

describe('who is told what when a booking is made', () => {
	it('a carer books for the elder: the elder hears who booked, the carer hears for whom', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 48 * hourMs });
		const result = bookings.book(f.db, { slotId, forUserId: f.elderId, byUserId: f.carerId, now });
		expect(result.status).toBe('ok');
		const sent = confirmations(f);
		expect(sent.get(phoneOf(f, f.elderId))).toMatch(/^【嘉峪关生活圈】您的家人女儿为您预约了 /);
		expect(sent.get(phoneOf(f, f.carerId))).toMatch(/^【嘉峪关生活圈】您已为长辈预约 /);
		// the portal keeps each reader's own copy
		const notices = f.db.select().from(notification).all();
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

	it('a person who books for themself is spoken to, not named', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 48 * hourMs });
		bookings.book(f.db, { slotId, byUserId: f.residents[0], now });
		const sent = [...confirmations(f).values()];
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatch(/^【嘉峪关生活圈】您已预约 /);
		expect(sent[0]).not.toContain('居民1');
	});

	it('staff booking on the phone for a resident say so', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 48 * hourMs });
		const result = bookings.book(f.db, {
			slotId,
			forUserId: f.residents[1],
			byUserId: f.staffId,
			channel: 'phone',
			now
		});
		expect(result.status).toBe('ok');
		expect(confirmations(f).get(phoneOf(f, f.residents[1]))).toMatch(/社区工作人员为您预约了/);
	});
});

/** Texts about a cancellation (the cancelled booking's unsent confirmation and reminders are dropped). */
function cancellationTexts(f: ReturnType<typeof createFixture>) {
	return f.db
		.select()
		.from(outbox)
		.all()
		.filter((t) => t.dedupeKey?.includes('cancelled_by_family'));
}

describe('who is told when a family booking is cancelled', () => {
	it('a carer cancelling for the elder: the elder is told who did it, the carer keeps a copy', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 48 * hourMs });
		const made = bookings.book(f.db, { slotId, forUserId: f.elderId, byUserId: f.carerId, now });
		if (made.status !== 'ok') throw new Error(made.status);
		expect(
			changes.cancel(f.db, { bookingId: made.booking.id, byUserId: f.carerId, now }).status
		).toBe('ok');
		const texts = cancellationTexts(f);
		// one text, to the elder; the carer did it and is not texted about it
		expect(texts.map((t) => [t.recipient, t.body])).toEqual([
			[
				phoneOf(f, f.elderId),
				expect.stringMatching(/^【嘉峪关生活圈】您的家人女儿取消了您 .+的预约。$/)
			]
		]);
		const notices = f.db
			.select()
			.from(notification)
			.all()
			.filter((n) => n.kind === 'booking_cancelled_by_family');
		expect(notices.map((n) => n.userId).sort()).toEqual([f.elderId, f.carerId].sort());
	});

	it('the elder cancelling what the carer booked tells the carer', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 48 * hourMs });
		const made = bookings.book(f.db, { slotId, forUserId: f.elderId, byUserId: f.carerId, now });
		if (made.status !== 'ok') throw new Error(made.status);
		changes.cancel(f.db, { bookingId: made.booking.id, byUserId: f.elderId, now });
		const texts = cancellationTexts(f);
		expect(texts.map((t) => [t.recipient, t.body])).toEqual([
			[phoneOf(f, f.carerId), expect.stringMatching(/^【嘉峪关生活圈】长辈取消了您为其预约的 /)]
		]);
	});

	it('a person cancelling their own booking is not told about it', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 48 * hourMs });
		const made = bookings.book(f.db, { slotId, byUserId: f.residents[0], now });
		if (made.status !== 'ok') throw new Error(made.status);
		expect(
			changes.cancel(f.db, { bookingId: made.booking.id, byUserId: f.residents[0], now }).status
		).toBe('ok');
		expect(cancellationTexts(f)).toEqual([]);
		expect(
			f.db
				.select()
				.from(notification)
				.all()
				.map((n) => n.kind)
		).not.toContain('booking_cancelled_by_family');
	});
});
