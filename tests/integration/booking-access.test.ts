/**
 * The booking routes as every role (the access table's roles, on a real booking): the elder
 * (13900000002) books a place at a 胜利社区 service point; the elder, the linked carer, 胜利社区's staff
 * and the administrator may see it; another resident and another community's staff learn nothing —
 * not even that it exists — and cannot cancel it or book for the elder.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { accounts, roles, type Role } from './access-table';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { newClient, signedInClient } from './accounts-helpers';

const clients = new Map<Role, APIRequestContext>();
let bookingId = 0;
let bookingCode = '';
let slotId = 0;
let secondSlotId = 0;

test.describe.configure({ mode: 'serial' });

/** Future slots at 胜利社区's bookable service points with places left for online booking. */
async function freeSlots(count: number): Promise<number[]> {
	const { serviceCategory, servicePoint, slot } = schema;
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
					gt(slot.startsAt, new Date(Date.now() + 2 * 86_400_000)),
					lt(slot.startsAt, new Date(Date.now() + 10 * 86_400_000)),
					lt(
						sql`${slot.bookedCount} + ${slot.reservedForAssisted}`,
						sql`coalesce(${slot.capacityOverride}, ${slot.capacity})`
					)
				)
			)
			.orderBy(desc(slot.startsAt))
			.limit(count)
	);
	return found.map((r) => r.id);
}

async function pointOf(slotId: number): Promise<number> {
	const [row] = await withServerDb((db) =>
		db
			.select({ id: schema.slot.servicePointId })
			.from(schema.slot)
			.where(eq(schema.slot.id, slotId))
	);
	return row.id;
}

async function statusOf(id: number): Promise<string | undefined> {
	const [row] = await withServerDb((db) =>
		db
			.select({ status: schema.booking.status })
			.from(schema.booking)
			.where(eq(schema.booking.id, id))
	);
	return row?.status;
}

test.beforeAll(async () => {
	clients.set('anonymous', await newClient());
	for (const [role, phone] of Object.entries(accounts)) {
		clients.set(role as Role, await signedInClient(phone));
	}
	[slotId, secondSlotId] = await freeSlots(2);
	expect(secondSlotId, 'two free slots at 胜利社区').toBeGreaterThan(0);
	const booked = await clients.get('resident')!.post('/api/v1/bookings', { data: { slotId } });
	expect(booked.status()).toBe(201);
	({ id: bookingId, code: bookingCode } = (await booked.json()).booking);
});

test.afterAll(async () => {
	for (const client of clients.values()) await client.dispose();
});

const mayView: Record<Role, 'ok' | 'login' | 404> = {
	anonymous: 'login',
	resident: 'ok',
	otherResident: 404,
	carer: 'ok',
	staff: 'ok',
	otherStaff: 404,
	admin: 'ok'
};

for (const page of ['', '/slip', '/calendar.ics']) {
	test(`/bookings/{id}${page}: the person, the carer, the community's staff and admins only`, async () => {
		for (const role of roles) {
			const response = await clients.get(role)!.get(`/bookings/${bookingId}${page}`);
			const outcome =
				response.status() === 303 && response.headers()['location']?.startsWith('/login?next=')
					? 'login'
					: response.status() === 200
						? 'ok'
						: response.status();
			expect(outcome, `${role}`).toBe(mayView[role]);
			const body = await response.text();
			if (mayView[role] !== 'ok') expect(body, `${role} sees no code`).not.toContain(bookingCode);
			else if (page !== '/calendar.ics')
				expect(body, `${role} sees the code`).toContain(bookingCode);
		}
	});
}

test('GET /api/v1/bookings lists the booking for the elder and the carer only', async () => {
	const listed: Partial<Record<Role, boolean>> = {};
	for (const role of roles) {
		const response = await clients.get(role)!.get('/api/v1/bookings');
		if (role === 'anonymous') {
			expect(response.status()).toBe(401);
			continue;
		}
		expect(response.status(), role).toBe(200);
		listed[role] = (await response.text()).includes(bookingCode);
	}
	expect(listed).toEqual({
		resident: true,
		otherResident: false,
		carer: true,
		staff: false,
		otherStaff: false,
		admin: false
	});
});

test('nobody else can cancel it, through the page or the API; nothing changes', async () => {
	for (const role of ['otherResident', 'otherStaff'] as const) {
		const client = clients.get(role)!;
		const api = await client.delete(`/api/v1/bookings/${bookingId}`);
		expect(api.status(), `${role} DELETE`).toBe(404);
		const form = await client.post(`/bookings/${bookingId}?/cancel`, { form: { reason: 'x' } });
		expect(form.status(), `${role} cancel form`).toBe(404);
	}
	const anonymous = await clients.get('anonymous')!.delete(`/api/v1/bookings/${bookingId}`);
	expect(anonymous.status()).toBe(401);
	expect(await statusOf(bookingId)).toBe('booked');
});

test('only the linked carer may book for the elder (residents and staff through the API may not)', async () => {
	for (const role of ['otherResident', 'staff', 'otherStaff'] as const) {
		const response = await clients
			.get(role)!
			.post('/api/v1/bookings', { data: { slotId: secondSlotId, forUserId: 2 } });
		expect(response.status(), role).toBe(403);
	}
	const carer = await clients
		.get('carer')!
		.post('/api/v1/bookings', { data: { slotId: secondSlotId, forUserId: 2 } });
	expect(carer.status()).toBe(201);
	const { booking } = await carer.json();
	expect(booking.channel).toBe('proxy');
	// the elder sees it among their own; the carer may cancel it again
	const cancelled = await clients.get('carer')!.delete(`/api/v1/bookings/${booking.id}`);
	expect(cancelled.status()).toBe(200);
});

test('the booking pages and the notification centre need a signed-in person', async () => {
	for (const path of [
		`/service-points/${await pointOf(secondSlotId)}/book?slot=${secondSlotId}`,
		'/notifications',
		'/bookings'
	]) {
		for (const role of roles) {
			const response = await clients.get(role)!.get(path);
			if (role === 'anonymous') {
				expect(response.status(), `${path} anonymous`).toBe(303);
				expect(response.headers()['location']).toMatch(/^\/login\?next=/);
			} else expect(response.status(), `${path} ${role}`).toBe(200);
		}
	}
	// finally the elder cancels their own booking
	const own = await clients.get('resident')!.delete(`/api/v1/bookings/${bookingId}`);
	expect(own.status()).toBe(200);
	expect(await statusOf(bookingId)).toBe('cancelled');
});
