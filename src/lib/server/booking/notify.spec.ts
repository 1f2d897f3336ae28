import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { book } from './book';
import { notification, outbox, user } from '../db/schema';
import { createFixture, fixtureNow, hourMs } from './test-fixture';

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
		const result = book({ slotId, forUserId: f.elderId, byUserId: f.carerId, now }, f.db);
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
		book({ slotId, byUserId: f.residents[0], now }, f.db);
		const sent = [...confirmations(f).values()];
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatch(/^【嘉峪关生活圈】您已预约 /);
		expect(sent[0]).not.toContain('居民1');
	});

	it('staff booking on the phone for a resident say so', () => {
		const f = createFixture();
		const slotId = f.addSlot({ startsIn: 48 * hourMs });
		const result = book(
			{ slotId, forUserId: f.residents[1], byUserId: f.staffId, channel: 'phone', now },
			f.db
		);
		expect(result.status).toBe('ok');
		expect(confirmations(f).get(phoneOf(f, f.residents[1]))).toMatch(/社区工作人员为您预约了/);
	});
});
