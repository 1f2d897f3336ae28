import { expect, test, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { and, asc, count, eq, inArray, like, or, sql } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { countRows, withServerDb } from '../support/test-server-db';
import { newClient, signedInClient } from './accounts-helpers';
import {
	bookOnBehalf,
	moveSlotIntoThePast,
	moveSlotSoon,
	nextSlot,
	points,
	slotRunningNow,
	statusOf
} from './staff-helpers';

const {
	auditLog,
	booking: bookingTable,
	closure,
	notification,
	openingRule,
	outbox,
	rating: ratingTable,
	servicePoint,
	slot: slotTable,
	user
} = schema;

/**
 * The staff console over HTTP, as a browser without JavaScript uses it: check-in by code (wrong, reused,
 * other community's), no-shows only after the slot, closures that notify everyone, scope enforced on
 * forged requests, ratings once per attended booking and the answer reaching the resident.
 */

const pointId = points.integration;
let staff: APIRequestContext;
let otherStaff: APIRequestContext;
let slotId: number;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	staff = await signedInClient('13900000011');
	otherStaff = await signedInClient('13900000012');
	slotId = await slotRunningNow(staff, pointId);
});

test.afterAll(async () => {
	await staff.dispose();
	await otherStaff.dispose();
});

/** What the staff forms of this service point can change: compared before and after refused requests. */
function pointState() {
	return withServerDb(async (db) => {
		const bookingsHere = db
			.select({ id: sql<string>`cast(${bookingTable.id} as text)` })
			.from(bookingTable)
			.innerJoin(slotTable, eq(slotTable.id, bookingTable.slotId))
			.where(eq(slotTable.servicePointId, pointId));
		return {
			point: await db
				.select({
					name: servicePoint.name,
					active: servicePoint.active,
					updatedAt: servicePoint.updatedAt
				})
				.from(servicePoint)
				.where(eq(servicePoint.id, pointId)),
			rules: await db
				.select()
				.from(openingRule)
				.where(eq(openingRule.servicePointId, pointId))
				.orderBy(asc(openingRule.id)),
			closures: await db
				.select()
				.from(closure)
				.where(eq(closure.servicePointId, pointId))
				.orderBy(asc(closure.id)),
			slots: await db
				.select({
					n: count(),
					cancelled:
						sql<number>`sum(case when ${slotTable.cancelledAt} is not null then 1 else 0 end)`.mapWith(
							Number
						),
					overrides: sql<number>`sum(coalesce(${slotTable.capacityOverride}, -1))`.mapWith(Number)
				})
				.from(slotTable)
				.where(eq(slotTable.servicePointId, pointId)),
			bookings: await db
				.select({ status: bookingTable.status, n: count() })
				.from(bookingTable)
				.innerJoin(slotTable, eq(slotTable.id, bookingTable.slotId))
				.where(eq(slotTable.servicePointId, pointId))
				.groupBy(bookingTable.status)
				.orderBy(asc(bookingTable.status)),
			audits: await db
				.select({ n: count() })
				.from(auditLog)
				.where(
					or(
						and(eq(auditLog.entity, 'service_point'), eq(auditLog.entityId, String(pointId))),
						and(eq(auditLog.entity, 'booking'), inArray(auditLog.entityId, bookingsHere))
					)
				)
		};
	});
}

/** How many times a guest's phone number was revealed (each reveal is audited). */
function revealsAudited(): Promise<number> {
	return countRows(auditLog, eq(auditLog.action, 'booking.phone_revealed'));
}

/** The early check-in setting of this service point, as the database holds it. */
async function earlyCheckInMinutes(): Promise<number> {
	const [row] = await withServerDb((db) =>
		db
			.select({ n: servicePoint.earlyCheckInMinutes })
			.from(servicePoint)
			.where(eq(servicePoint.id, pointId))
	);
	return row.n;
}

/** Every validation message of the staff and rating forms, in one language (placeholders cut off). */
function messagesIn(locale: 'zh-CN' | 'en'): string[] {
	const all = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
	return Object.entries(all)
		.filter(([key]) =>
			/^(staff_error_|rating_error_|error_form_invalid|error_phone_invalid|error_name_required|error_bad_id|error_choice_invalid)/.test(
				key
			)
		)
		.map(([, text]) => text.split('{')[0].slice(0, 12))
		.filter((text) => text.length >= 4);
}

test('check-in by code: wrong, unknown and other-community codes are refused; a used code cannot be reused', async () => {
	const guest = await bookOnBehalf(staff, pointId, slotId, {
		name: '测试甲',
		phone: '13711110001'
	});
	expect(guest.status).toBe('booked');

	const malformed = await staff.post('/staff?/checkin', { form: { code: '12' } });
	expect(malformed.status()).toBe(400);
	expect(await malformed.text()).toContain('请输入6位预约码');

	const unknown = await staff.post('/staff?/checkin', { form: { code: 'ZZZZZZ' } });
	expect(unknown.status()).toBe(404);

	// staff of 五一社区 cannot check in (or learn about) a booking of 胜利社区
	const forged = await otherStaff.post('/staff?/checkin', { form: { code: guest.code } });
	expect(forged.status()).toBe(404);
	expect(await statusOf(guest.id)).toBe('booked');

	const ok = await staff.post('/staff?/checkin', { form: { code: guest.code.toLowerCase() } });
	expect(ok.status()).toBe(200);
	expect(await ok.text()).toContain('测试甲 已签到');
	expect(await statusOf(guest.id)).toBe('attended');

	const reused = await staff.post('/staff?/checkin', { form: { code: guest.code } });
	expect(reused.status()).toBe(409);
	expect(await reused.text()).toContain('不能重复使用');
});

test('an early check-in asks once more (a second submit with confirm=1), by code and from the day list', async () => {
	// the point asks for any check-in before the start (0 minutes), set through the manage form
	const [point] = await withServerDb((db) =>
		db
			.select({
				name: servicePoint.name,
				address: servicePoint.address,
				phone: servicePoint.phone,
				openingText: servicePoint.openingText,
				minNoticeMinutes: servicePoint.minNoticeMinutes,
				cancelCutoffMinutes: servicePoint.cancelCutoffMinutes,
				bookingHorizonDays: servicePoint.bookingHorizonDays
			})
			.from(servicePoint)
			.where(eq(servicePoint.id, pointId))
	);
	const settings = {
		name: String(point.name),
		address: String(point.address),
		phone: String(point.phone),
		openingText: String(point.openingText),
		minNoticeMinutes: String(point.minNoticeMinutes),
		cancelCutoffMinutes: String(point.cancelCutoffMinutes),
		bookingHorizonDays: String(point.bookingHorizonDays)
	};
	const details = await staff.post(`/staff/points/${pointId}/manage?/details`, {
		form: { ...settings, earlyCheckInMinutes: '0' }
	});
	expect(details.status()).toBe(200);
	expect(await earlyCheckInMinutes()).toBe(0);

	const soon = await nextSlot(pointId);
	const first = await bookOnBehalf(staff, pointId, soon, { name: '测试早', phone: '13711110011' });
	const second = await bookOnBehalf(staff, pointId, soon, { name: '测试迟', phone: '13711110012' });
	await moveSlotSoon(soon);

	const asked = await staff.post('/staff?/checkin', { form: { code: first.code } });
	expect(asked.status()).toBe(409);
	const question = await asked.text();
	expect(question).toMatch(/此预约 \d{2}:\d{2} 开始，现在提前 \d+ 分钟签到，确认签到？/);
	// the answer is a form: the same code and confirm=1
	expect(question).toContain('name="confirm" value="1"');
	expect(await statusOf(first.id)).toBe('booked');
	const confirmed = await staff.post('/staff?/checkin', {
		form: { code: first.code, confirm: '1' }
	});
	expect(confirmed.status()).toBe(200);
	expect(await statusOf(first.id)).toBe('attended');

	// the day list's check-in button is held to the same rule
	const listed = await staff.post(`/staff/points/${pointId}?/attend`, {
		form: { bookingId: String(second.id) }
	});
	expect(listed.status()).toBe(409);
	expect(await listed.text()).toContain('确认签到');
	expect(await statusOf(second.id)).toBe('booked');
	const listedConfirmed = await staff.post(`/staff/points/${pointId}?/attend`, {
		form: { bookingId: String(second.id), confirm: '1' }
	});
	expect(listedConfirmed.status()).toBe(200);
	expect(await statusOf(second.id)).toBe('attended');

	// a bad setting is a 400 with a message, nothing written
	const bad = await staff.post(`/staff/points/${pointId}/manage?/details`, {
		form: { ...settings, earlyCheckInMinutes: '-5' }
	});
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toContain('0 到 1440');
	expect(await earlyCheckInMinutes()).toBe(0);
	// back to the default for the tests after this one
	const reset = await staff.post(`/staff/points/${pointId}/manage?/details`, {
		form: { ...settings, earlyCheckInMinutes: '60' }
	});
	expect(reset.status()).toBe(200);
});

test('a no-show only after the slot has ended; undo on the same day', async () => {
	const early = await bookOnBehalf(staff, pointId, slotId, {
		name: '测试乙',
		phone: '13711110002'
	});
	const tooEarly = await staff.post(`/staff/points/${pointId}?/noShow`, {
		form: { bookingId: String(early.id) }
	});
	expect(tooEarly.status()).toBe(409);
	expect(await tooEarly.text()).toContain('结束');
	expect(await statusOf(early.id)).toBe('booked');

	// a slot of its own, moved into the past (the server's clock cannot be moved)
	const ended = await nextSlot(pointId);
	const late = await bookOnBehalf(staff, pointId, ended, { name: '测试丙', phone: '13711110003' });
	await moveSlotIntoThePast(ended);
	const forged = await otherStaff.post(`/staff/points/${pointId}?/noShow`, {
		form: { bookingId: String(late.id) }
	});
	expect(forged.status()).toBe(403);
	const noShow = await staff.post(`/staff/points/${pointId}?/noShow`, {
		form: { bookingId: String(late.id) }
	});
	expect(noShow.status()).toBe(200);
	expect(await statusOf(late.id)).toBe('no_show');
	const undo = await staff.post(`/staff/points/${pointId}?/undo`, {
		form: { bookingId: String(late.id) }
	});
	expect(undo.status()).toBe(200);
	expect(await statusOf(late.id)).toBe('booked');
});

test('staff of another community cannot see or change this point, its bookings or its ratings', async () => {
	const before = await pointState();
	for (const path of [
		`/staff/points/${pointId}`,
		`/staff/points/${pointId}/manage`,
		`/staff/points/${pointId}/print`,
		`/staff/points/${pointId}/day.csv`
	]) {
		expect((await otherStaff.get(path)).status(), path).toBe(403);
	}
	const [{ id: booking }] = await withServerDb((db) =>
		db
			.select({ id: bookingTable.id })
			.from(bookingTable)
			.innerJoin(slotTable, eq(slotTable.id, bookingTable.slotId))
			.where(and(eq(slotTable.servicePointId, pointId), eq(bookingTable.status, 'booked')))
			.limit(1)
	);
	const forms: [string, Record<string, string>][] = [
		[`/staff/points/${pointId}?/reveal`, { bookingId: String(booking) }],
		[`/staff/points/${pointId}?/attend`, { bookingId: String(booking) }],
		[`/staff/points/${pointId}?/cancelSlot`, { slotId: String(slotId), reason: '伪造' }],
		[
			`/staff/points/${pointId}?/closeDay`,
			{ startsOn: '2030-01-01', endsOn: '2030-01-01', reason: '伪造' }
		],
		[`/staff/points/${pointId}/manage?/active`, { active: 'false' }],
		[
			`/staff/points/${pointId}/manage?/details`,
			{
				name: '伪造',
				address: '伪造',
				phone: '0937-1',
				openingText: '',
				minNoticeMinutes: '0',
				cancelCutoffMinutes: '0',
				bookingHorizonDays: '7'
			}
		],
		// a point of 胜利社区 addressed through the other staff member's own point's route
		[`/staff/points/${points.other}?/reveal`, { bookingId: String(booking) }]
	];
	for (const [path, form] of forms) {
		const response = await otherStaff.post(path, { form });
		expect([403, 404], path).toContain(response.status());
		expect(await response.text()).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
	}
	const [{ id: rating }] = await withServerDb((db) =>
		db
			.select({ id: ratingTable.id })
			.from(ratingTable)
			.innerJoin(bookingTable, eq(bookingTable.id, ratingTable.bookingId))
			.innerJoin(slotTable, eq(slotTable.id, bookingTable.slotId))
			.innerJoin(servicePoint, eq(servicePoint.id, slotTable.servicePointId))
			.where(eq(servicePoint.communityCode, '620201001002'))
			.limit(1)
	);
	const reply = await otherStaff.post('/staff/ratings?/reply', {
		form: { ratingId: String(rating), reply: '伪造的回复' }
	});
	expect(reply.status()).toBe(403);
	const list = await otherStaff.get('/staff/ratings');
	expect(await list.text()).not.toContain('胜利社区');
	expect(await pointState()).toEqual(before);
	expect(await countRows(ratingTable, eq(ratingTable.reply, '伪造的回复'))).toBe(0);
});

test('the full phone number is shown on a deliberate click, and the reveal is audited', async () => {
	const guest = await bookOnBehalf(staff, pointId, slotId, {
		name: '测试丁',
		phone: '13711110004'
	});
	const list = await staff.get(`/staff/points/${pointId}`);
	const html = await list.text();
	expect(html).toContain('137****0004');
	expect(html).not.toContain('13711110004');
	const before = await revealsAudited();
	const shown = await staff.post(`/staff/points/${pointId}?/reveal`, {
		form: { bookingId: String(guest.id) }
	});
	expect(await shown.text()).toContain('13711110004');
	expect(await revealsAudited()).toBe(before + 1);
});

test('cancelling a slot notifies everyone booked and clears its waitlist', async () => {
	const slot = await nextSlot(pointId);
	const a = await bookOnBehalf(staff, pointId, slot, { name: '测试戊', phone: '13711110005' });
	const b = await bookOnBehalf(staff, pointId, slot, { name: '王建国', phone: '13900000001' });
	const response = await staff.post(`/staff/points/${pointId}?/cancelSlot`, {
		form: { slotId: String(slot), reason: '水管维修' }
	});
	expect(response.status()).toBe(200);
	expect(await statusOf(a.id)).toBe('cancelled');
	expect(await statusOf(b.id)).toBe('cancelled');
	expect(
		await countRows(
			outbox,
			and(eq(outbox.recipient, '13711110005'), like(outbox.body, '%水管维修%'))
		)
	).toBe(1);
	expect(
		(
			await withServerDb((db) =>
				db
					.select({ n: count() })
					.from(notification)
					.innerJoin(user, eq(user.id, notification.userId))
					.where(
						and(eq(user.phone, '13900000001'), eq(notification.kind, 'booking_cancelled_closure'))
					)
			)
		)[0].n
	).toBeGreaterThan(0);
});

test('a rating: only for one’s own attended booking, once (then edited), and the answer reaches the resident', async () => {
	const slot = slotId;
	const visit = await bookOnBehalf(staff, pointId, slot, {
		name: '王建国',
		phone: '13900000001',
		channel: 'desk',
		checkIn: true
	});
	expect(visit.status).toBe('attended');
	const resident = await signedInClient('13900000001');
	const other = await signedInClient('13900000002');
	const anonymous = await newClient();
	try {
		const url = `/api/v1/bookings/${visit.id}/rating`;
		expect((await anonymous.post(url, { data: { stars: 5 } })).status()).toBe(401);
		expect((await other.post(url, { data: { stars: 1 } })).status()).toBe(404);
		expect((await staff.post(url, { data: { stars: 5 } })).status()).toBe(404);
		const bad = await resident.post(`${url}?lang=en`, { data: { stars: 9, tags: ['x'] } });
		expect(bad.status()).toBe(400);
		expect((await bad.json()).error.message).toMatch(/1 to 5 stars|tags/);
		const first = await resident.post(url, {
			data: { stars: 2, tags: ['等待久'], comment: '排队太久' }
		});
		expect(first.status()).toBe(201);
		const again = await resident.post(url, {
			data: { stars: 1, tags: ['等待久', '不方便'], comment: '排队太久，座位也少' }
		});
		expect(again.status()).toBe(200);
		expect(await countRows(ratingTable, eq(ratingTable.bookingId, visit.id))).toBe(1);
		const [{ id: ratingId }] = await withServerDb((db) =>
			db.select({ id: ratingTable.id }).from(ratingTable).where(eq(ratingTable.bookingId, visit.id))
		);

		// staff see it first among the low ones (回访) and answer publicly
		const low = await staff.get('/staff/ratings?show=low');
		expect(await low.text()).toContain('胜利社区文化活动站');
		const empty = await staff.post('/staff/ratings?/reply', {
			form: { ratingId: String(ratingId), reply: '  ' }
		});
		expect(empty.status()).toBe(400);
		const answered = await staff.post('/staff/ratings?/reply', {
			form: { ratingId: String(ratingId), reply: '抱歉让您久等，已加开窗口' }
		});
		expect(answered.status()).toBe(200);
		const notices = await resident.get('/notifications');
		expect(await notices.text()).toContain('抱歉让您久等，已加开窗口');
		const followUp = await staff.post('/staff/ratings?/followUp', {
			form: { ratingId: String(ratingId) }
		});
		expect(followUp.status()).toBe(200);
		const [row] = await withServerDb((db) =>
			db
				.select({ followedUpAt: ratingTable.followedUpAt })
				.from(ratingTable)
				.where(eq(ratingTable.id, ratingId))
		);
		expect(row.followedUpAt).not.toBeNull();
	} finally {
		await resident.dispose();
		await other.dispose();
		await anonymous.dispose();
	}
});

test('bad input on every staff and rating form: 4xx with a message in the user’s language, nothing written', async () => {
	const forms: [string, Record<string, string>][] = [
		[`/staff?/checkin`, { code: '' }],
		[
			`/staff/points/${pointId}?/walkIn`,
			{ slotId: String(slotId), channel: 'desk', name: '', phone: '123' }
		],
		[
			`/staff/points/${pointId}?/walkIn`,
			{ slotId: 'x', channel: 'fax', name: '张三', phone: '13711110009' }
		],
		[`/staff/points/${pointId}?/capacity`, { slotId: String(slotId), capacity: '-1' }],
		[`/staff/points/${pointId}?/cancelSlot`, { slotId: String(slotId), reason: '' }],
		[
			`/staff/points/${pointId}?/closeDay`,
			{ startsOn: '2030-02-30', endsOn: '2030-01-01', reason: 'x' }
		],
		[
			`/staff/points/${pointId}?/closeDay`,
			{ startsOn: '2030-03-02', endsOn: '2030-03-01', reason: 'x' }
		],
		[`/staff/points/${pointId}/manage?/details`, { name: '', address: '', phone: 'abc' }],
		[
			`/staff/points/${pointId}/manage?/saveRule`,
			{
				weekday: '8',
				startMinute: '25:00',
				endMinute: '09:00',
				slotMinutes: '1',
				capacity: '0',
				reservedForAssisted: '5'
			}
		],
		[
			`/staff/points/${pointId}/manage?/saveRule`,
			{
				weekday: '1',
				startMinute: '10:00',
				endMinute: '09:00',
				slotMinutes: '30',
				capacity: '5',
				reservedForAssisted: '0'
			}
		],
		[`/staff/points/${pointId}/manage?/active`, { active: 'maybe' }],
		[`/staff/points/${pointId}/manage?/removeClosure`, { closureId: '-3' }],
		[`/staff/ratings?/reply`, { ratingId: '1', reply: '长'.repeat(501) }],
		[`/staff/ratings?/followUp`, { ratingId: 'abc' }]
	];
	const before = await pointState();
	for (const lang of ['zh-CN', 'en'] as const) {
		const expected = messagesIn(lang);
		for (const [path, form] of forms) {
			const response = await staff.post(path.replace('?/', `?lang=${lang}&/`), { form });
			const label = `${path} ${lang}`;
			expect(response.status(), label).toBeGreaterThanOrEqual(400);
			expect(response.status(), label).toBeLessThan(500);
			const body = await response.text();
			expect(
				expected.some((text) => body.includes(text)),
				`${label} answers in ${lang}`
			).toBe(true);
		}
	}
	await staff.get('/?lang=zh-CN');
	expect(await pointState()).toEqual(before);
});
