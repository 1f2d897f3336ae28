import { beforeEach, describe, expect, it } from 'vitest';
import * as family from './family';
import { addUser, useTestDatabase } from './test-fixtures';

beforeEach(() => {
	useTestDatabase();
});

describe('family links', () => {
	it('becomes active only when the elder confirms; either side can end it', async () => {
		const carer = await addUser({ name: '张丽' });
		const elder = await addUser({ name: '李秀兰' });
		const invited = family.invite(carer.id, elder.phone);
		if (!invited.ok) throw new Error(invited.message);
		expect(family.isCarerOf(carer.id, elder.id)).toBe(false);
		expect(family.listFor(elder.id)).toMatchObject([
			{ otherRole: 'carer', otherName: '张丽', confirmed: false }
		]);
		expect(family.confirm(invited.linkId, elder.id)).toBe(true);
		expect(family.isCarerOf(carer.id, elder.id)).toBe(true);
		// the link is one-way: the elder does not act for the carer
		expect(family.isCarerOf(elder.id, carer.id)).toBe(false);
		expect(family.eldersOf(carer.id)).toEqual([{ id: elder.id, name: '李秀兰' }]);
		expect(family.end(invited.linkId, elder.id)).toBe(true);
		expect(family.isCarerOf(carer.id, elder.id)).toBe(false);
	});

	it('shows the other person with a masked phone number', async () => {
		const carer = await addUser();
		const elder = await addUser();
		family.invite(carer.id, elder.phone);
		const [link] = family.listFor(carer.id);
		expect(link.otherPhoneMasked).toBe(`${elder.phone.slice(0, 3)}****${elder.phone.slice(7)}`);
		expect(JSON.stringify(family.listFor(carer.id))).not.toContain(elder.phone);
	});

	it('refuses unknown numbers, oneself, staff and duplicates; outsiders cannot end a link', async () => {
		const carer = await addUser();
		const elder = await addUser();
		const staff = await addUser({ role: 'staff' });
		const stranger = await addUser();
		expect(family.invite(carer.id, '13999999999').ok).toBe(false);
		expect(family.invite(carer.id, carer.phone).ok).toBe(false);
		expect(family.invite(carer.id, staff.phone).ok).toBe(false);
		const invited = family.invite(carer.id, elder.phone);
		expect(family.invite(carer.id, elder.phone).ok).toBe(false);
		if (!invited.ok) throw new Error(invited.message);
		expect(family.end(invited.linkId, stranger.id)).toBe(false);
		expect(family.getOpen(invited.linkId)).toBeTruthy();
	});
});
