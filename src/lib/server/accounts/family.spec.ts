import { beforeEach, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '../db';
import { auditLog, outbox } from '../db/schema';
import * as desk from './desk-confirmation';
import * as family from './family';
import * as invitations from './invitations';
import { useTestDatabase } from '../testing/database';
import { addUser, freshPhone } from '../testing/accounts';

const address = '192.0.2.1';
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

beforeEach(() => {
	useTestDatabase();
});

function invite(carerId: number, phone: string) {
	const invited = invitations.invite(carerId, phone, address);
	if (!invited.ok) throw new Error(invited.message);
	return invited.linkId;
}

describe('family links', () => {
	it('becomes active only when the elder confirms; either side can end it', async () => {
		const carer = await addUser({ name: '张丽' });
		const elder = await addUser({ name: '李秀兰' });
		const linkId = invite(carer.id, elder.phone);
		expect(family.isCarerOf(carer.id, elder.id)).toBe(false);
		expect(family.listFor(elder.id)).toMatchObject([
			{ otherRole: 'carer', otherName: '张丽', confirmed: false }
		]);
		expect(family.confirm(linkId, elder.id)).toBe(true);
		expect(family.isCarerOf(carer.id, elder.id)).toBe(true);
		// the link is one-way: the elder does not act for the carer
		expect(family.isCarerOf(elder.id, carer.id)).toBe(false);
		expect(family.eldersOf(carer.id)).toEqual([{ id: elder.id, name: '李秀兰' }]);
		expect(family.end(linkId, elder.id)).toBe(true);
		expect(family.isCarerOf(carer.id, elder.id)).toBe(false);
	});

	it('shows the inviter only the masked number typed until the elder accepts', async () => {
		const carer = await addUser();
		const elder = await addUser({ name: '李秀兰' });
		const linkId = invite(carer.id, elder.phone);
		const [pending] = family.listFor(carer.id);
		expect(pending).toMatchObject({ otherName: null, otherPhoneMasked: masked(elder.phone) });
		expect(JSON.stringify(family.listFor(carer.id))).not.toContain(elder.phone);
		family.confirm(linkId, elder.id);
		expect(family.listFor(carer.id)[0]).toMatchObject({ otherName: '李秀兰', confirmed: true });
	});

	it('answers an unknown number and a staff number like a resident’s; refuses oneself and duplicates', async () => {
		const carer = await addUser();
		const elder = await addUser();
		const staff = await addUser({ role: 'staff' });
		const stranger = await addUser();
		for (const phone of [elder.phone, freshPhone(), staff.phone]) {
			expect(invitations.invite(carer.id, phone, address)).toMatchObject({ ok: true });
		}
		expect(family.listFor(carer.id)).toHaveLength(3);
		expect(invitations.invite(carer.id, carer.phone, address).ok).toBe(false);
		expect(invitations.invite(carer.id, elder.phone, address)).toMatchObject({
			ok: false,
			status: 400
		});
		// staff never become the elder of a link
		expect(family.listFor(staff.id)).toEqual([]);
		const [own] = family.listFor(carer.id);
		expect(family.end(own.id, stranger.id)).toBe(false);
		expect(family.getOpen(own.id)).toBeTruthy();
	});

	it('hands an invitation to a number over to the resident who registers it later', async () => {
		const carer = await addUser({ name: '张丽' });
		const phone = freshPhone();
		const linkId = invite(carer.id, phone);
		expect(family.getOpen(linkId)?.elderUserId).toBeNull();
		// a link without its elder cannot be confirmed
		expect(family.confirm(linkId, carer.id)).toBe(false);
		const elder = await addUser({ phone });
		invitations.attachInvitations(getDb(), phone, elder.id);
		expect(family.listFor(elder.id)).toMatchObject([{ otherName: '张丽', confirmed: false }]);
		expect(family.confirm(linkId, elder.id)).toBe(true);
	});

	it('limits invitations per account (429 with a retry time)', async () => {
		const carer = await addUser();
		for (let i = 0; i < 5; i++) invite(carer.id, freshPhone());
		const refused = invitations.invite(carer.id, freshPhone(), address);
		expect(refused).toMatchObject({ ok: false, status: 429 });
		expect(!refused.ok && refused.retryAfterS).toBeGreaterThan(60);
	});
});

describe('confirming at the desk', () => {
	const lastCodeTo = (phone: string) =>
		/(\d{6})/.exec(
			getDb()
				.select({ body: outbox.body })
				.from(outbox)
				.where(eq(outbox.recipient, phone))
				.orderBy(desc(outbox.id))
				.get()?.body ?? ''
		)?.[1] ?? '';

	it('needs the code texted to the elder, and audits who confirmed which link', async () => {
		const carer = await addUser({ name: '张丽' });
		const elder = await addUser();
		const staff = await addUser({ role: 'staff' });
		const linkId = invite(carer.id, elder.phone);
		const link = () => family.getOpen(linkId)!;
		expect(desk.confirm(link(), staff.id)).toMatchObject({ ok: false, status: 400 });
		expect(await desk.sendCode(link(), staff.id, address)).toMatchObject({
			ok: true,
			phoneMasked: masked(elder.phone)
		});
		const code = lastCodeTo(elder.phone);
		expect(code).toMatch(/^\d{6}$/);
		const wrong = code === '000000' ? '111111' : '000000';
		expect(desk.confirm(link(), staff.id, wrong)).toMatchObject({ ok: false, status: 400 });
		expect(family.isCarerOf(carer.id, elder.id)).toBe(false);
		expect(desk.confirm(link(), staff.id, code)).toEqual({ ok: true });
		expect(family.isCarerOf(carer.id, elder.id)).toBe(true);
		const rows = getDb().select().from(auditLog).where(eq(auditLog.entity, 'family_link')).all();
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
		const linkId = invite(staff.id, elder.phone);
		expect(await desk.sendCode(family.getOpen(linkId)!, staff.id, address)).toMatchObject({
			ok: false,
			status: 403
		});
		const colleague = await addUser({ role: 'staff' });
		await desk.sendCode(family.getOpen(linkId)!, colleague.id, address);
		const code = lastCodeTo(elder.phone);
		expect(desk.confirm(family.getOpen(linkId)!, staff.id, code)).toMatchObject({
			ok: false,
			status: 403
		});
		expect(family.isCarerOf(staff.id, elder.id)).toBe(false);
	});

	it('a code for one link does not confirm another', async () => {
		const elder = await addUser();
		const staff = await addUser({ role: 'staff' });
		const first = invite((await addUser()).id, elder.phone);
		const second = invite((await addUser()).id, elder.phone);
		await desk.sendCode(family.getOpen(first)!, staff.id, address);
		const code = lastCodeTo(elder.phone);
		expect(desk.confirm(family.getOpen(second)!, staff.id, code)).toMatchObject({ ok: false });
		expect(desk.confirm(family.getOpen(first)!, staff.id, code)).toEqual({ ok: true });
	});
});
