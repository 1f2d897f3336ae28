/**
 * The demo-mode outbox page (/staff/outbox) is scoped like every other staff page: staff read the text
 * messages of their communities (a booking's by its service point, a registration code by the community
 * chosen at registration), administrators read all.
 */
import { expect, test } from '@playwright/test';
import {
	lastCodeTo,
	newClient,
	randomPhone,
	readDb,
	registerResident,
	signedInClient
} from './accounts-helpers';

const shengli = '620201001002';
const wuyi = '620201002004';
const staff = { shengli: '13900000011', wuyi: '13900000012', admin: '13900000099' };

/** Starts a registration (a code is texted) without finishing it: the phone is not a resident yet. */
async function startRegistration(communityCode: string): Promise<string> {
	const phone = randomPhone();
	const client = await newClient();
	const started = await client.post('/api/v1/auth/register', {
		data: { name: '测试居民', phone, password: 'walk-to-the-clinic', communityCode }
	});
	expect(started.status()).toBe(202);
	await client.dispose();
	return lastCodeTo(phone);
}

/** A future slot with free places at a 胜利社区 service point (random, so other tests keep theirs). */
function freeSlotAtShengli(): number {
	const db = readDb();
	try {
		const row = db
			.prepare(
				`select s.id from slot s
				 join service_point sp on sp.id = s.service_point_id
				 join service_category c on c.code = sp.category_code
				 where sp.community_code = ? and sp.active = 1 and c.bookable = 1
				   and s.cancelled_at is null and s.starts_at > ? and s.starts_at < ?
				   and s.booked_count + s.reserved_for_assisted < coalesce(s.capacity_override, s.capacity)
				 order by random() limit 1`
			)
			.get(shengli, Date.now() + 2 * 86_400_000, Date.now() + 10 * 86_400_000) as
			{ id: number } | undefined;
		expect(row, 'a free slot at 胜利社区').toBeTruthy();
		return row!.id;
	} finally {
		db.close();
	}
}

async function outboxPageOf(phone: string): Promise<string> {
	const client = await signedInClient(phone);
	const page = await client.get('/staff/outbox');
	expect(page.status()).toBe(200);
	const html = await page.text();
	await client.dispose();
	return html;
}

test('staff read only their communities’ text messages on /staff/outbox; an administrator reads all', async () => {
	const shengliCode = await startRegistration(shengli);
	const wuyiCode = await startRegistration(wuyi);
	// a booking confirmation at a 胜利社区 service point for a resident of 五一社区
	const resident = await registerResident(randomPhone(), { communityCode: wuyi });
	const booked = await resident.client.post('/api/v1/bookings', {
		data: { slotId: freeSlotAtShengli() }
	});
	expect(booked.status()).toBe(201);
	const { booking } = (await booked.json()) as { booking: { code: string } };

	const [admin, ofShengli, ofWuyi] = await Promise.all([
		outboxPageOf(staff.admin),
		outboxPageOf(staff.shengli),
		outboxPageOf(staff.wuyi)
	]);
	expect(admin).toContain(shengliCode);
	expect(admin).toContain(wuyiCode);
	expect(admin).toContain(booking.code);

	expect(ofShengli).toContain(shengliCode);
	expect(ofShengli).toContain(booking.code);
	expect(ofShengli).not.toContain(wuyiCode);

	expect(ofWuyi).toContain(wuyiCode);
	expect(ofWuyi).not.toContain(shengliCode);
	expect(ofWuyi).not.toContain(booking.code);
	await resident.client.dispose();
});
