import {
	expect,
	test,
	request as playwrightRequest,
	type APIRequestContext
} from '@playwright/test';
import { and, asc, eq, gt, gte, isNull, lt, notInArray, sql } from 'drizzle-orm';
import { schema, transaction } from '../../src/lib/server/db';
import { countRows, withServerDb } from '../support/test-server-db';
import { baseURL, registerResident, signedInClient } from './accounts-helpers';

const { booking, serviceCategory, servicePoint, slot: slotTable } = schema;

/**
 * The rules shown to people hold in the booking service behind the API (the booking horizon), ids and
 * numbers are read strictly, and every API error speaks the caller's language.
 */
const shengli = '620201001002';
const cjk = /[\u4e00-\u9fff]/;
const dayMs = 86_400_000;
const localDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

let resident: { client: APIRequestContext; id: number; phone: string; password: string };
let english: APIRequestContext;

function bookingsOf(userId: number): Promise<number> {
	return countRows(booking, eq(booking.userId, userId));
}

/** A future slot of a bookable point of 胜利社区 on the given local day with a self-service place free. */
async function freeSlotOn(day: string, exceptPoints: number[] = []) {
	// the local (UTC+8) day as a range of instants
	const dayStart = Date.parse(`${day}T00:00:00+08:00`);
	const [found] = await withServerDb((db) =>
		db
			.select({
				id: slotTable.id,
				pointId: slotTable.servicePointId,
				bookedCount: slotTable.bookedCount
			})
			.from(slotTable)
			.innerJoin(servicePoint, eq(servicePoint.id, slotTable.servicePointId))
			.innerJoin(serviceCategory, eq(serviceCategory.code, servicePoint.categoryCode))
			.where(
				and(
					eq(servicePoint.communityCode, shengli),
					eq(servicePoint.active, true),
					eq(serviceCategory.bookable, true),
					isNull(slotTable.cancelledAt),
					lt(
						sql`${slotTable.bookedCount} + ${slotTable.reservedForAssisted}`,
						sql`coalesce(${slotTable.capacityOverride}, ${slotTable.capacity})`
					),
					gte(slotTable.startsAt, new Date(dayStart)),
					lt(slotTable.startsAt, new Date(dayStart + dayMs)),
					gt(slotTable.startsAt, new Date(Date.now() + 3 * 3_600_000)),
					notInArray(servicePoint.id, [4, 23, 89, 192, ...exceptPoints])
				)
			)
			.orderBy(asc(slotTable.startsAt))
			.limit(1)
	);
	return found as { id: number; pointId: number; bookedCount: number } | undefined;
}

/** A slot's booked count and capacity override, as the database holds them. */
async function slotNumbers(slotId: number) {
	const [row] = await withServerDb((db) =>
		db
			.select({ bookedCount: slotTable.bookedCount, capacityOverride: slotTable.capacityOverride })
			.from(slotTable)
			.where(eq(slotTable.id, slotId))
	);
	return row;
}

async function setHorizon(pointId: number, days: number) {
	await withServerDb((db) =>
		transaction(db, (tx) =>
			tx.update(servicePoint).set({ bookingHorizonDays: days }).where(eq(servicePoint.id, pointId))
		)
	);
}

test.beforeAll(async () => {
	resident = await registerResident();
	english = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { 'accept-language': 'en', origin: baseURL }
	});
	const login = await english.post('/api/v1/auth/login?lang=en', {
		data: { phone: '13900000001', password: 'jyg-demo-2026' }
	});
	expect(login.status()).toBe(200);
});

test.afterAll(async () => {
	await resident.client.dispose();
	await english.dispose();
});

test('a slot beyond the booking horizon is refused by the API in Chinese and in English, nothing written', async () => {
	// the first day from three days ahead with a free slot (some places close at the weekend: from
	// midnight on Tuesday night, Beijing time, three days ahead is a Saturday)
	let beyond: Awaited<ReturnType<typeof freeSlotOn>>;
	for (let days = 3; days <= 9 && !beyond; days++)
		beyond = await freeSlotOn(localDate(Date.now() + days * dayMs));
	expect(beyond, 'a free slot three to nine days ahead').toBeTruthy();
	await setHorizon(beyond!.pointId, 1);
	try {
		const listed = await resident.client.get(`/api/v1/service-points/${beyond!.pointId}/slots`);
		expect(listed.status()).toBe(200);
		const offered = (await listed.json()).slots.map((s: { id: number }) => s.id);
		expect(offered).not.toContain(beyond!.id);

		const refused = await resident.client.post('/api/v1/bookings', {
			data: { slotId: beyond!.id }
		});
		expect(refused.status()).toBe(422);
		const zh = await refused.json();
		expect(zh.error.code).toBe('beyond_horizon');
		expect(zh.error.message).toContain('1 天');
		const en = await english.post('/api/v1/bookings?lang=en', { data: { slotId: beyond!.id } });
		expect(en.status()).toBe(422);
		expect((await en.json()).error.message).toMatch(/at most 1 days ahead/);
		expect(await bookingsOf(resident.id)).toBe(0);
		expect((await slotNumbers(beyond!.id)).bookedCount).toBe(beyond!.bookedCount);

		// the last day of the horizon is still offered and booked
		const lastDay = await freeSlotOn(localDate(Date.now() + dayMs), []);
		if (lastDay && lastDay.pointId === beyond!.pointId) {
			const booked = await resident.client.post('/api/v1/bookings', {
				data: { slotId: lastDay.id }
			});
			expect(booked.status()).toBe(201);
			const { booking } = await booked.json();
			expect((await resident.client.delete(`/api/v1/bookings/${booking.id}`)).status()).toBe(200);
		}
	} finally {
		await setHorizon(beyond!.pointId, 14);
	}
});

test('ids and numbers are read strictly: loose forms are a 400 invalid_input in Chinese, nothing written', async () => {
	const slot = await freeSlotOn(localDate(Date.now() + 2 * dayMs));
	expect(slot).toBeTruthy();
	const before = await bookingsOf(resident.id);
	const loose = [
		`0x${slot!.id.toString(16)}`,
		`${slot!.id}.0`,
		` ${slot!.id}`,
		`${slot!.id / 1000}e3`,
		true,
		[slot!.id],
		`+${slot!.id}`
	];
	for (const slotId of loose) {
		const response = await resident.client.post('/api/v1/bookings', { data: { slotId } });
		expect(response.status(), JSON.stringify(slotId)).toBe(400);
		const { error } = await response.json();
		expect(error.code).toBe('invalid_input');
		expect(error.message).toMatch(cjk);
		for (const message of Object.values(error.fields ?? {})) expect(message).toMatch(cjk);
	}
	expect(await bookingsOf(resident.id)).toBe(before);
	for (const stars of ['5.0', true, [5], '0x5'])
		expect(
			(await resident.client.post('/api/v1/bookings/1/rating', { data: { stars } })).status(),
			JSON.stringify(stars)
		).toBe(400);

	// the same in the staff console's forms
	const staff = await signedInClient('13900000011');
	try {
		const capacityBefore = (await slotNumbers(slot!.id)).capacityOverride;
		for (const capacity of ['0x10', '1e1', ' 9', '9.0'])
			expect(
				(
					await staff.post(`/staff/points/${slot!.pointId}?/capacity`, {
						form: { slotId: String(slot!.id), capacity }
					})
				).status(),
				capacity
			).toBe(400);
		expect(
			(
				await staff.post(`/staff/points/${slot!.pointId}?/capacity`, {
					form: { slotId: `0x${slot!.id.toString(16)}`, capacity: '9' }
				})
			).status()
		).toBe(400);
		expect((await slotNumbers(slot!.id)).capacityOverride).toBe(capacityBefore);
	} finally {
		await staff.dispose();
	}
});

test('every API error is in Chinese when the caller asks for Chinese', async () => {
	// a machine client: asks for JSON (a browser asking for HTML gets the error page instead)
	const jsonClient = () =>
		playwrightRequest.newContext({
			baseURL,
			extraHTTPHeaders: { accept: 'application/json', 'accept-language': 'zh-CN', origin: baseURL }
		});
	const anonymous = await jsonClient();
	const me = await jsonClient();
	expect(
		(
			await me.post('/api/v1/auth/login', {
				data: { phone: resident.phone, password: resident.password }
			})
		).status()
	).toBe(200);
	const json = { 'content-type': 'application/json' };
	const cases: [string, () => Promise<import('@playwright/test').APIResponse>][] = [
		['me, signed out', () => anonymous.get('/api/v1/me')],
		['book, signed out', () => anonymous.post('/api/v1/bookings', { data: { slotId: 1 } })],
		[
			'not JSON',
			() =>
				me.post('/api/v1/bookings', {
					headers: { 'content-type': 'text/plain' },
					data: 'x'
				})
		],
		['broken JSON', () => me.post('/api/v1/bookings', { headers: json, data: Buffer.from('{') })],
		['a JSON string', () => me.post('/api/v1/bookings', { headers: json, data: '{' })],
		['bad id', () => me.post('/api/v1/bookings', { data: { slotId: 'x' } })],
		['not an object', () => me.post('/api/v1/bookings', { data: [1] })],
		['unknown slot', () => me.post('/api/v1/bookings', { data: { slotId: 999999999 } })],
		['unknown booking', () => me.delete('/api/v1/bookings/999999999')],
		['bad booking id', () => me.delete('/api/v1/bookings/0x1')],
		['rating bad', () => me.post('/api/v1/bookings/1/rating', { data: { stars: 9 } })],
		['slots bad range', () => me.get('/api/v1/service-points/1/slots?from=2026-13-01')],
		['slots unknown point', () => me.get('/api/v1/service-points/999999/slots')],
		['isochrone', () => anonymous.get('/api/isochrone?lat=x&lng=y&minutes=7')],
		['coverage', () => anonymous.get('/api/residences/999999999/coverage')],
		['walking route', () => anonymous.get('/api/walking-route?lat=x')],
		['geojson filter', () => anonymous.get('/api/service-points.geojson?category=%3Cx%3E')],
		['login bad', () => anonymous.post('/api/v1/auth/login', { data: { phone: 'x' } })],
		[
			'login wrong',
			() =>
				anonymous.post('/api/v1/auth/login', {
					data: { phone: '13900000001', password: 'not-the-password' }
				})
		],
		['register bad', () => anonymous.post('/api/v1/auth/register', { data: {} })],
		[
			'unknown endpoint',
			() => me.get('/api/v1/no-such-thing', { headers: { accept: 'application/json' } })
		],
		[
			'wrong method',
			() => me.put('/api/v1/me', { data: {}, headers: { accept: 'application/json' } })
		],
		[
			'too large',
			() => me.post('/api/v1/bookings', { data: { slotId: 1, pad: 'x'.repeat(300_000) } })
		]
	];
	try {
		for (const [name, call] of cases) {
			const response = await call();
			expect(response.status(), name).toBeGreaterThanOrEqual(400);
			expect(response.status(), name).toBeLessThan(500);
			expect(response.headers()['content-type'], name).toContain('application/json');
			const { error } = await response.json();
			expect(typeof error?.code, name).toBe('string');
			expect(error.message, `${name}: ${error.message}`).toMatch(cjk);
			for (const message of Object.values(error.fields ?? {}))
				expect(message, `${name}: ${message}`).toMatch(cjk);
		}
		// and in English when the caller asks for English: the language follows the caller
		const wrongMethod = await english.put('/api/v1/me?lang=en', {
			data: {},
			headers: { accept: 'application/json' }
		});
		expect(wrongMethod.status()).toBe(405);
		expect((await wrongMethod.json()).error.message).toMatch(/^[\x20-\x7e]+$/);
	} finally {
		await anonymous.dispose();
		await me.dispose();
	}
});
