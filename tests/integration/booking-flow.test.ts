import { expect, test, type APIRequestContext } from '@playwright/test';
import { newClient, randomPhone, registerResident, signedInClient } from './accounts-helpers';
import { asc, eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';

/** 胜利社区's meal point and its free slots on later days (cancellable whatever the hour). */
async function mealPoint(client: APIRequestContext) {
	const points = await (
		await client.get('/api/service-points.geojson?category=meal&community=620201001002')
	).json();
	const id: number = points.features[0].properties.id;
	const { slots } = await (await client.get(`/api/v1/service-points/${id}/slots`)).json();
	const later = (slots as { id: number; startsAt: string; free: number }[]).filter(
		(s) => s.free > 0 && Date.parse(s.startsAt) > Date.now() + 24 * 3_600_000
	);
	return { id, slots: later.map((s) => s.id) };
}

function bookingsOn(slotId: number): Promise<{ userId: number | null; status: string }[]> {
	const { booking } = schema;
	return withServerDb((db) =>
		db
			.select({ userId: booking.userId, status: booking.status })
			.from(booking)
			.where(eq(booking.slotId, slotId))
			.orderBy(asc(booking.id))
	);
}

test('a carer who does not say who a booking is for is asked, and nothing is booked', async () => {
	const carer = await signedInClient('13900000003');
	const { user, elders } = await (await carer.get('/api/v1/me')).json();
	const point = await mealPoint(carer);
	const slotId = point.slots.at(-1)!;
	const before = (await bookingsOn(slotId)).filter((b) => b.status !== 'cancelled');

	const response = await carer.post(`/service-points/${point.id}/book?slot=${slotId}&/book`, {
		form: { slotId: String(slotId) }
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('请先选择为谁预约');
	// the waitlist asks the same
	const waitlist = await carer.post(`/service-points/${point.id}/book?slot=${slotId}&/waitlist`, {
		form: { slotId: String(slotId) }
	});
	expect(waitlist.status()).toBe(400);
	const after = (await bookingsOn(slotId)).filter((b) => b.status !== 'cancelled');
	expect(after).toEqual(before);
	expect(after.some((b) => b.userId === user.id || b.userId === elders[0].id)).toBe(false);
	await carer.dispose();
});

test('a resident without linked elders books for themself without being asked', async () => {
	const resident = await registerResident(randomPhone());
	const point = await mealPoint(resident.client);
	const slotId = point.slots[0];
	const response = await resident.client.post(`/service-points/${point.id}/book?/book`, {
		form: { slotId: String(slotId) }
	});
	expect(response.status()).toBe(303);
	const id = Number(/\/bookings\/(\d+)/.exec(response.headers()['location'])![1]);
	expect(await bookingsOn(slotId)).toContainEqual({ userId: resident.id, status: 'booked' });

	// the held slot is marked on the picker and the confirm page offers no second booking
	const page = await (await resident.client.get(`/service-points/${point.id}`)).text();
	expect(page).toContain(`href="/bookings/${id}"`);
	expect(page).not.toContain(`value="${slotId}"`);
	const confirm = await (
		await resident.client.get(`/service-points/${point.id}/book?slot=${slotId}`)
	).text();
	expect(confirm).toContain('data-testid="book-held"');
	expect(confirm).not.toMatch(/确认预约<\/button>/);
	expect((await resident.client.delete(`/api/v1/bookings/${id}`)).status()).toBe(200);
	await resident.client.dispose();
});

test('?for= of someone not linked to me reveals nothing of their bookings', async () => {
	// a stranger holds a slot
	const stranger = await registerResident(randomPhone(), { name: '陌生人' });
	const point = await mealPoint(stranger.client);
	const slotId = point.slots[1];
	const booked = await stranger.client.post('/api/v1/bookings', { data: { slotId } });
	expect(booked.status()).toBe(201);
	const { booking } = await booked.json();

	const carer = await signedInClient('13900000003');
	const page = await (await carer.get(`/service-points/${point.id}?for=${stranger.id}`)).text();
	expect(page).not.toContain(`/bookings/${booking.id}`);
	expect(page).not.toContain('陌生人');
	expect(page).not.toContain('aria-current="true"');
	const confirm = await (
		await carer.get(`/service-points/${point.id}/book?slot=${slotId}&for=${stranger.id}`)
	).text();
	expect(confirm).not.toContain('陌生人');
	expect(confirm).not.toMatch(/<input[^>]*checked/);
	// booking for them is refused by the booking service, whatever the form says (as not found)
	const forged = await carer.post(`/service-points/${point.id}/book?/book`, {
		form: { slotId: String(point.slots[2]), forUserId: String(stranger.id) }
	});
	expect(forged.status()).toBe(404);
	expect((await bookingsOn(point.slots[2])).some((b) => b.userId === stranger.id)).toBe(false);
	expect((await stranger.client.delete(`/api/v1/bookings/${booking.id}`)).status()).toBe(200);
	await Promise.all([carer.dispose(), stranger.client.dispose()]);
});

test('the bookings API lists cancelled bookings apart from past visits', async () => {
	const resident = await registerResident(randomPhone());
	const point = await mealPoint(resident.client);
	const made = await resident.client.post('/api/v1/bookings', {
		data: { slotId: point.slots[0] }
	});
	const { booking } = await made.json();
	expect((await resident.client.delete(`/api/v1/bookings/${booking.id}`)).status()).toBe(200);
	const lists = await (await resident.client.get('/api/v1/bookings')).json();
	expect(lists.cancelled.map((b: { id: number }) => b.id)).toEqual([booking.id]);
	expect(lists.past).toEqual([]);
	expect(lists.upcoming).toEqual([]);
	await resident.client.dispose();
	// anonymous: still 401, nothing listed
	const anonymous = await newClient();
	expect((await anonymous.get('/api/v1/bookings')).status()).toBe(401);
	await anonymous.dispose();
});
