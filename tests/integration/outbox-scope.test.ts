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
	registerResident,
	signedInClient
} from './accounts-helpers';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';

const shengli = '620201001002';
const wuyi = '620201002004';
const staff = { shengli: '13900000011', wuyi: '13900000012', admin: '13900000099' };

/** Starts a registration (a code is texted) without finishing it: the phone is not a resident yet. */
async function startRegistration(communityCode: string): Promise<string> {
	const phone = randomPhone();
	const client = await newClient();
	const started = await client.post('/api/v1/auth/register', {
		data: { name: '测试居民', phone, password: 'walk-to-the-clinic', communityCode, consent: true }
	});
	expect(started.status()).toBe(202);
	await client.dispose();
	return lastCodeTo(phone);
}

/** A future slot with free places at a 胜利社区 service point (random, so other tests keep theirs). */
async function freeSlotAtShengli(): Promise<number> {
	const { serviceCategory, servicePoint, slot } = schema;
	const [row] = await withServerDb((db) =>
		db
			.select({ id: slot.id })
			.from(slot)
			.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
			.innerJoin(serviceCategory, eq(serviceCategory.code, servicePoint.categoryCode))
			.where(
				and(
					eq(servicePoint.communityCode, shengli),
					eq(servicePoint.active, true),
					eq(serviceCategory.bookable, true),
					isNull(slot.cancelledAt),
					gt(slot.startsAt, new Date(Date.now() + 2 * 86_400_000)),
					lt(slot.startsAt, new Date(Date.now() + 10 * 86_400_000)),
					lt(
						sql`${slot.bookedCount} + ${slot.reservedForAssisted}`,
						sql`coalesce(${slot.capacityOverride}, ${slot.capacity})`
					)
				)
			)
			.orderBy(sql`random()`)
			.limit(1)
	);
	expect(row, 'a free slot at 胜利社区').toBeTruthy();
	return row!.id;
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
		data: { slotId: await freeSlotAtShengli() }
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
