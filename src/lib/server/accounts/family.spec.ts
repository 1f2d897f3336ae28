import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '../db';
import { auditLog } from '../db/schema';
import * as desk from './desk-confirmation';
import * as family from './family';
import * as invitations from './invitations';
import { useTestDatabase } from '../testing/database';
import { addUser, freshPhone } from '../testing/accounts';
import { lastCodeTo } from '../testing/outbox';

const address = '192.0.2.1';
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

beforeEach(async () => {
	await useTestDatabase();
});

async function invite(carerId: number, phone: string) {
	const invited = await invitations.invite(getDb(), carerId, phone, address);
	if (!invited.ok) throw new Error(invited.message);
	return invited.linkId;
}

describe('family links', () => {
	it('becomes active only when the elder confirms; either side can end it', async () => {
		const carer = await addUser({ name: '张丽' });
		const elder = await addUser({ name: '李秀兰' });
		const linkId = await invite(carer.id, elder.phone);
		expect(await family.isCarerOf(getDb(), carer.id, elder.id)).toBe(false);
		expect(await family.listFor(getDb(), elder.id)).toMatchObject([
			{ otherRole: 'carer', otherName: '张丽', confirmed: false }
		]);
		expect(await family.confirm(getDb(), linkId, elder.id)).toBe(true);
		expect(await family.isCarerOf(getDb(), carer.id, elder.id)).toBe(true);
		// the link is one-way: the elder does not act for the carer
		expect(await family.isCarerOf(getDb(), elder.id, carer.id)).toBe(false);
		expect(await family.eldersOf(getDb(), carer.id)).toEqual([{ id: elder.id, name: '李秀兰' }]);
		expect(await family.end(getDb(), linkId, elder.id)).toBe(true);
		expect(await family.isCarerOf(getDb(), carer.id, elder.id)).toBe(false);
	});

	it('shows the inviter only the masked number typed until the elder accepts', async () => {
		const carer = await addUser();
		const elder = await addUser({ name: '李秀兰' });
		const linkId = await invite(carer.id, elder.phone);
		const [pending] = await family.listFor(getDb(), carer.id);
		expect(pending).toMatchObject({ otherName: null, otherPhoneMasked: masked(elder.phone) });
		expect(JSON.stringify(await family.listFor(getDb(), carer.id))).not.toContain(elder.phone);
		await family.confirm(getDb(), linkId, elder.id);
		expect((await family.listFor(getDb(), carer.id))[0]).toMatchObject({
			otherName: '李秀兰',
			confirmed: true
		});
	});

	it('answers an unknown number and a staff number like a resident’s; refuses oneself and duplicates', async () => {
		const carer = await addUser();
		const elder = await addUser();
		const staff = await addUser({ role: 'staff' });
		const stranger = await addUser();
		for (const phone of [elder.phone, freshPhone(), staff.phone]) {
			expect(await invitations.invite(getDb(), carer.id, phone, address)).toMatchObject({
				ok: true
			});
		}
		expect(await family.listFor(getDb(), carer.id)).toHaveLength(3);
		expect((await invitations.invite(getDb(), carer.id, carer.phone, address)).ok).toBe(false);
		expect(await invitations.invite(getDb(), carer.id, elder.phone, address)).toMatchObject({
			ok: false,
			status: 400
		});
		// staff never become the elder of a link
		expect(await family.listFor(getDb(), staff.id)).toEqual([]);
		const [own] = await family.listFor(getDb(), carer.id);
		expect(await family.end(getDb(), own.id, stranger.id)).toBe(false);
		expect(await family.getOpen(getDb(), own.id)).toBeTruthy();
	});

	it('hands an invitation to a number over to the resident who registers it later', async () => {
		const carer = await addUser({ name: '张丽' });
		const phone = freshPhone();
		const linkId = await invite(carer.id, phone);
		expect((await family.getOpen(getDb(), linkId))?.elderUserId).toBeNull();
		// a link without its elder cannot be confirmed
		expect(await family.confirm(getDb(), linkId, carer.id)).toBe(false);
		const elder = await addUser({ phone });
		await invitations.attachInvitations(getDb(), phone, elder.id);
		expect(await family.listFor(getDb(), elder.id)).toMatchObject([
			{ otherName: '张丽', confirmed: false }
		]);
		expect(await family.confirm(getDb(), linkId, elder.id)).toBe(true);
	});

	it('limits invitations per account (429 with a retry time)', async () => {
		const carer = await addUser();
		for (let i = 0; i < 5; i++) await invite(carer.id, freshPhone());
		const refused = await invitations.invite(getDb(), carer.id, freshPhone(), address);
		expect(refused).toMatchObject({ ok: false, status: 429 });
		expect(!refused.ok && refused.retryAfterS).toBeGreaterThan(60);
	});
});

describe('confirming at the desk', () => {
	it('needs the code texted to the elder, and audits who confirmed which link', async () => {
		const carer = await addUser({ name: '张丽' });
		const elder = await addUser();
		const staff = await addUser({ role: 'staff' });
		const linkId = await invite(carer.id, elder.phone);
		const link = async () => (await family.getOpen(getDb(), linkId))!;
		expect(await desk.confirm(getDb(), await link(), staff.id)).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await desk.sendCode(getDb(), await link(), staff.id, address)).toMatchObject({
			ok: true,
			phoneMasked: masked(elder.phone)
		});
		const code = await lastCodeTo(elder.phone);
		expect(code).toMatch(/^\d{6}$/);
		const wrong = code === '000000' ? '111111' : '000000';
		expect(await desk.confirm(getDb(), await link(), staff.id, wrong)).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await family.isCarerOf(getDb(), carer.id, elder.id)).toBe(false);
		expect(await desk.confirm(getDb(), await link(), staff.id, code)).toEqual({ ok: true });
		expect(await family.isCarerOf(getDb(), carer.id, elder.id)).toBe(true);
		const rows = await getDb()
			.select()
			.from(auditLog)
			.where(eq(auditLog.entity, 'family_link'))
			.orderBy(auditLog.id);
		expect(rows.map((r) => [r.action, r.actorUserId, r.entityId])).toEqual([
			['family_link.desk_code_sent', staff.id, String(linkId)],
			['family_link.confirm_at_desk', staff.id, String(linkId)]
		]);
		expect(rows[1].detail).toEqual({ carerUserId: carer.id, elderUserId: elder.id });
		expect(JSON.stringify(rows)).not.toContain(elder.phone);
	});

	it('refuses staff who are a party to the link, even with the code', async () => {
		const staff = await addUser({ role: 'staff' });
		const elder = await addUser();
		const linkId = await invite(staff.id, elder.phone);
		expect(
			await desk.sendCode(getDb(), (await family.getOpen(getDb(), linkId))!, staff.id, address)
		).toMatchObject({
			ok: false,
			status: 403
		});
		const colleague = await addUser({ role: 'staff' });
		await desk.sendCode(getDb(), (await family.getOpen(getDb(), linkId))!, colleague.id, address);
		const code = await lastCodeTo(elder.phone);
		expect(
			await desk.confirm(getDb(), (await family.getOpen(getDb(), linkId))!, staff.id, code)
		).toMatchObject({
			ok: false,
			status: 403
		});
		expect(await family.isCarerOf(getDb(), staff.id, elder.id)).toBe(false);
	});

	it('a code for one link does not confirm another', async () => {
		const elder = await addUser();
		const staff = await addUser({ role: 'staff' });
		const first = await invite((await addUser()).id, elder.phone);
		const second = await invite((await addUser()).id, elder.phone);
		await desk.sendCode(getDb(), (await family.getOpen(getDb(), first))!, staff.id, address);
		const code = await lastCodeTo(elder.phone);
		expect(
			await desk.confirm(getDb(), (await family.getOpen(getDb(), second))!, staff.id, code)
		).toMatchObject({
			ok: false
		});
		expect(
			await desk.confirm(getDb(), (await family.getOpen(getDb(), first))!, staff.id, code)
		).toEqual({
			ok: true
		});
	});
});
