/**
 * Issue 14, findings 1, 2 and 7: family links cannot be used to look people up by phone, an ended
 * link keeps no power over the bookings made through it, and staff cannot link themselves to an
 * elder at the desk (the elder's presence is proven by a texted code; every confirmation audited).
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { countRows, withServerDb } from '../support/test-server-db';
import { lastCodeTo, randomPhone, registerResident, signedInClient } from './accounts-helpers';

test.describe.configure({ mode: 'serial' });

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

const { auditLog, booking, familyLink, outbox, serviceCategory, servicePoint, slot, user } = schema;

/** The newest open link a carer (by phone) started. */
async function openLinkOf(carerPhone: string) {
	const [link] = await withServerDb((db) =>
		db
			.select({
				id: familyLink.id,
				confirmedAt: familyLink.confirmedAt,
				endedAt: familyLink.endedAt
			})
			.from(familyLink)
			.innerJoin(user, eq(user.id, familyLink.carerUserId))
			.where(and(eq(user.phone, carerPhone), isNull(familyLink.endedAt)))
			.orderBy(desc(familyLink.id))
			.limit(1)
	);
	return link;
}

async function linkById(id: number) {
	const [link] = await withServerDb((db) =>
		db
			.select({ confirmedAt: familyLink.confirmedAt, endedAt: familyLink.endedAt })
			.from(familyLink)
			.where(eq(familyLink.id, id))
	);
	return link;
}

/** Future slots at 胜利社区's bookable service points with places left for online booking. */
async function freeSlots(count: number): Promise<number[]> {
	const found = await withServerDb((db) =>
		db
			.select({ id: slot.id })
			.from(slot)
			.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
			.innerJoin(serviceCategory, eq(serviceCategory.code, servicePoint.categoryCode))
			.where(
				and(
					eq(servicePoint.communityCode, '620201001002'),
					eq(servicePoint.active, true),
					eq(serviceCategory.bookable, true),
					isNull(slot.cancelledAt),
					gt(slot.startsAt, new Date(Date.now() + 3 * 86_400_000)),
					lt(slot.startsAt, new Date(Date.now() + 12 * 86_400_000)),
					lt(
						sql`${slot.bookedCount} + ${slot.reservedForAssisted} + 1`,
						sql`coalesce(${slot.capacityOverride}, ${slot.capacity})`
					)
				)
			)
			.orderBy(asc(slot.startsAt))
			.limit(count)
	);
	return found.map((r) => r.id);
}

async function statusOf(id: number) {
	const [row] = await withServerDb((db) =>
		db.select({ status: booking.status }).from(booking).where(eq(booking.id, id))
	);
	return row?.status;
}

async function invite(client: APIRequestContext, phone: string) {
	return client.post('/profile/family?/invite', { form: { phone } });
}

/** A carer and an elder (both fresh residents), linked and confirmed by the elder. */
async function linkedPair(elderName: string) {
	const elder = await registerResident(randomPhone(), { name: elderName });
	const carer = await registerResident(randomPhone(), { name: '测试子女' });
	expect((await invite(carer.client, elder.phone)).status()).toBe(200);
	const link = (await openLinkOf(carer.phone))!;
	const confirmed = await elder.client.post('/profile/family?/confirm', {
		form: { linkId: String(link.id) }
	});
	expect(confirmed.status()).toBe(200);
	expect((await linkById(link.id))?.confirmedAt).toBeTruthy();
	return { elder, carer, linkId: link.id };
}

test.describe('finding 1: no phone → name lookup through invitations', () => {
	test('a pending invitation shows only the masked number typed; the name appears once the elder accepts', async () => {
		const elder = await registerResident(randomPhone(), { name: '欧阳秘密' });
		const carer = await registerResident(randomPhone(), { name: '测试子女' });
		expect((await invite(carer.client, elder.phone)).status()).toBe(200);
		const pending = await (await carer.client.get('/profile/family')).text();
		expect(pending).toContain(masked(elder.phone));
		expect(pending).not.toContain('欧阳秘密');
		expect(await (await carer.client.get('/api/v1/me')).text()).not.toContain('欧阳秘密');

		// the elder sees who asked (the carer chose to reveal themself), and accepts
		const asked = await (await elder.client.get('/profile/family')).text();
		expect(asked).toContain('测试子女');
		const link = (await openLinkOf(carer.phone))!;
		await elder.client.post('/profile/family?/confirm', { form: { linkId: String(link.id) } });
		expect(await (await carer.client.get('/profile/family')).text()).toContain('欧阳秘密');
		await Promise.all([elder.client.dispose(), carer.client.dispose()]);
	});

	test('an invitation to an unknown number answers exactly like one to a known number', async () => {
		const known = await registerResident(randomPhone(), { name: '已注册长辈' });
		const carer = await registerResident(randomPhone(), { name: '测试子女' });
		const unknownPhone = randomPhone();
		const outcome = (html: string) =>
			/<p class="form-message[^"]*"[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
		const answers = [];
		// a resident, a number nobody uses, and a staff member's number
		for (const [i, phone] of [known.phone, unknownPhone, '13900000012'].entries()) {
			const response = await invite(carer.client, phone);
			const html = await response.text();
			expect(html).not.toContain('没有找到');
			// each one is listed as pending, by its masked number
			expect(html.match(/data-testid="family-link"/g), phone).toHaveLength(i + 1);
			expect(html).toContain(masked(phone));
			answers.push({ status: response.status(), message: outcome(html) });
		}
		expect(answers[0]).toEqual({ status: 200, message: '邀请已发送，等待对方确认。' });
		expect(answers[1]).toEqual(answers[0]);
		expect(answers[2]).toEqual(answers[0]);
		const list = await (await carer.client.get('/profile/family')).text();
		expect(list).toContain(masked(unknownPhone));
		expect(list).toContain(masked(known.phone));
		expect(list).not.toContain('已注册长辈');
		expect(list.match(/data-testid="family-link"/g)).toHaveLength(3);

		// the one with no account yet finds the invitation once they register
		const later = await registerResident(unknownPhone, { name: '后注册长辈' });
		const theirs = await (await later.client.get('/profile/family')).text();
		expect(theirs).toContain('测试子女');
		await Promise.all([known.client.dispose(), carer.client.dispose(), later.client.dispose()]);
	});

	test('invitations are rate-limited per account: 429 with Retry-After', async () => {
		const carer = await registerResident(randomPhone(), { name: '测试子女' });
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) statuses.push((await invite(carer.client, randomPhone())).status());
		expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
		expect(statuses.slice(5)).toEqual([429, 429]);
		const refused = await invite(carer.client, randomPhone());
		expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(60);
		expect(await refused.text()).toContain('分钟');
		await carer.client.dispose();
	});
});

test.describe('finding 2: an ended link keeps no power', () => {
	test('after the elder ends the link the former carer cannot list, open or cancel what they booked', async () => {
		const { elder, carer, linkId } = await linkedPair('结束链接长辈');
		const [first, second] = await freeSlots(2);
		expect(second, 'two free slots at 胜利社区').toBeGreaterThan(0);
		const made: { id: number; code: string }[] = [];
		for (const slotId of [first, second]) {
			const booked = await carer.client.post('/api/v1/bookings', {
				data: { slotId, forUserId: elder.id }
			});
			expect(booked.status()).toBe(201);
			made.push((await booked.json()).booking);
		}
		const [a, b] = made;
		// while linked, the carer has them
		expect(await (await carer.client.get('/api/v1/bookings')).text()).toContain(a.code);
		expect((await carer.client.get(`/bookings/${a.id}/slip`)).status()).toBe(200);

		const ended = await elder.client.post('/profile/family?/end', {
			form: { linkId: String(linkId) }
		});
		expect(ended.status()).toBe(200);
		expect((await linkById(linkId))?.endedAt).toBeTruthy();

		const api = await carer.client.delete(`/api/v1/bookings/${a.id}`);
		expect([403, 404]).toContain(api.status());
		const form = await carer.client.post(`/bookings/${b.id}?/cancel`, { form: { reason: 'x' } });
		expect([403, 404]).toContain(form.status());
		expect(await statusOf(a.id)).toBe('booked');
		expect(await statusOf(b.id)).toBe('booked');

		const list = await (await carer.client.get('/api/v1/bookings')).text();
		expect(list).not.toContain(a.code);
		expect(list).not.toContain(b.code);
		expect(await (await carer.client.get('/bookings')).text()).not.toContain(a.code);
		for (const path of [
			`/bookings/${a.id}`,
			`/bookings/${a.id}/slip`,
			`/bookings/${a.id}/calendar.ics`
		]) {
			const response = await carer.client.get(path);
			expect([403, 404], path).toContain(response.status());
			expect(await response.text(), path).not.toContain(a.code);
		}
		// nor do the portal's notifications (with the check-in code) or the messages still to come
		expect(await (await carer.client.get('/notifications')).text()).not.toContain(a.code);
		const reminders = await countRows(
			outbox,
			and(eq(outbox.recipient, carer.phone), isNull(outbox.sentAt))
		);
		expect(reminders).toBe(0);

		// the elder still has both
		const own = await (await elder.client.get('/api/v1/bookings')).text();
		expect(own).toContain(a.code);
		expect(own).toContain(b.code);
		expect((await elder.client.get(`/bookings/${a.id}/slip`)).status()).toBe(200);
		expect((await elder.client.get(`/bookings/${a.id}/calendar.ics`)).status()).toBe(200);
		expect((await elder.client.delete(`/api/v1/bookings/${a.id}`)).status()).toBe(200);
		await Promise.all([elder.client.dispose(), carer.client.dispose()]);
	});
});

test.describe('finding 7: staff cannot make themselves carer at the desk', () => {
	test('staff who invited an elder cannot confirm that link at the desk', async () => {
		const elder = await registerResident(randomPhone(), { name: '柜台长辈甲' });
		const staff = await signedInClient('13900000011');
		expect((await invite(staff, elder.phone)).status()).toBe(200);
		const link = (await openLinkOf('13900000011'))!;
		const desk = await staff.post('/staff/family-links?/confirm', {
			form: { linkId: String(link.id), code: await lastCodeTo(elder.phone) }
		});
		expect(desk.status()).toBe(403);
		// even with the code the elder was texted
		await staff.post('/staff/family-links?/sendCode', { form: { linkId: String(link.id) } });
		const withCode = await staff.post('/staff/family-links?/confirm', {
			form: { linkId: String(link.id), code: await lastCodeTo(elder.phone) }
		});
		expect(withCode.status()).toBe(403);
		expect((await linkById(link.id))?.confirmedAt).toBeNull();
		await Promise.all([elder.client.dispose(), staff.dispose()]);
	});

	test('desk confirmation needs the code texted to the elder, and is audited', async () => {
		const elder = await registerResident(randomPhone(), { name: '柜台长辈乙' });
		const carer = await registerResident(randomPhone(), { name: '测试子女' });
		expect((await invite(carer.client, elder.phone)).status()).toBe(200);
		const link = (await openLinkOf(carer.phone))!;
		const staff = await signedInClient('13900000011');
		const otherStaff = await signedInClient('13900000012');
		const linkId = String(link.id);

		// without the elder's code: refused, nothing confirmed
		const bare = await staff.post('/staff/family-links?/confirm', { form: { linkId } });
		expect(bare.status()).toBe(400);
		expect((await linkById(link.id))?.confirmedAt).toBeNull();

		// another community's staff can neither text the code nor confirm
		expect(
			(await otherStaff.post('/staff/family-links?/sendCode', { form: { linkId } })).status()
		).toBe(403);

		const sent = await staff.post('/staff/family-links?/sendCode', { form: { linkId } });
		expect(sent.status()).toBe(200);
		const code = await lastCodeTo(elder.phone);
		expect(code).toMatch(/^\d{6}$/);
		const wrong = await staff.post('/staff/family-links?/confirm', {
			form: { linkId, code: code === '000000' ? '111111' : '000000' }
		});
		expect(wrong.status()).toBe(400);
		expect((await linkById(link.id))?.confirmedAt).toBeNull();
		expect(
			(await otherStaff.post('/staff/family-links?/confirm', { form: { linkId, code } })).status()
		).toBe(403);

		const done = await staff.post('/staff/family-links?/confirm', { form: { linkId, code } });
		expect(done.status()).toBe(200);
		expect((await linkById(link.id))?.confirmedAt).toBeTruthy();
		const [audited] = await withServerDb((db) =>
			db
				.select({ actor: user.phone, detail: auditLog.detail, createdAt: auditLog.createdAt })
				.from(auditLog)
				.innerJoin(user, eq(user.id, auditLog.actorUserId))
				.where(
					and(
						eq(auditLog.entity, 'family_link'),
						eq(auditLog.entityId, linkId),
						eq(auditLog.action, 'family_link.confirm_at_desk')
					)
				)
		);
		expect(audited?.actor).toBe('13900000011');
		expect(audited!.detail).toMatchObject({
			carerUserId: carer.id,
			elderUserId: elder.id
		});
		expect(audited!.createdAt.getTime()).toBeGreaterThan(Date.now() - 600_000);
		await Promise.all([
			elder.client.dispose(),
			carer.client.dispose(),
			staff.dispose(),
			otherStaff.dispose()
		]);
	});
});
