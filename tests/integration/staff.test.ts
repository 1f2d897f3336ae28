import { expect, test, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { newClient, readDb, signedInClient } from './accounts-helpers';
import {
	bookOnBehalf,
	count,
	moveSlotIntoThePast,
	moveSlotSoon,
	nextSlot,
	points,
	slotRunningNow,
	statusOf
} from './staff-helpers';

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
	const db = readDb();
	try {
		const q = (sql: string) => db.prepare(sql).all({ p: pointId });
		return {
			point: q('select name, active, updated_at from service_point where id = :p'),
			rules: q('select * from opening_rule where service_point_id = :p order by id'),
			closures: q('select * from closure where service_point_id = :p order by id'),
			slots: q(
				'select count(*) n, sum(cancelled_at is not null) cancelled, sum(coalesce(capacity_override, -1)) overrides from slot where service_point_id = :p'
			),
			bookings: q(
				'select b.status, count(*) n from booking b join slot s on s.id = b.slot_id where s.service_point_id = :p group by b.status order by b.status'
			),
			audits: q(
				"select count(*) n from audit_log where (entity = 'service_point' and entity_id = cast(:p as text)) or (entity = 'booking' and entity_id in (select cast(b.id as text) from booking b join slot s on s.id = b.slot_id where s.service_point_id = :p))"
			)
		};
	} finally {
		db.close();
	}
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
	expect(statusOf(guest.id)).toBe('booked');

	const ok = await staff.post('/staff?/checkin', { form: { code: guest.code.toLowerCase() } });
	expect(ok.status()).toBe(200);
	expect(await ok.text()).toContain('测试甲 已签到');
	expect(statusOf(guest.id)).toBe('attended');

	const reused = await staff.post('/staff?/checkin', { form: { code: guest.code } });
	expect(reused.status()).toBe(409);
	expect(await reused.text()).toContain('不能重复使用');
});

test('an early check-in asks once more (a second submit with confirm=1), by code and from the day list', async () => {
	// the point asks for any check-in before the start (0 minutes), set through the manage form
	const db = readDb();
	const point = db
		.prepare(
			'select name, address, phone, opening_text, min_notice_minutes, cancel_cutoff_minutes, booking_horizon_days from service_point where id = ?'
		)
		.get(pointId) as Record<string, string | number>;
	db.close();
	const settings = {
		name: String(point.name),
		address: String(point.address),
		phone: String(point.phone),
		openingText: String(point.opening_text),
		minNoticeMinutes: String(point.min_notice_minutes),
		cancelCutoffMinutes: String(point.cancel_cutoff_minutes),
		bookingHorizonDays: String(point.booking_horizon_days)
	};
	const details = await staff.post(`/staff/points/${pointId}/manage?/details`, {
		form: { ...settings, earlyCheckInMinutes: '0' }
	});
	expect(details.status()).toBe(200);
	expect(count('select early_check_in_minutes n from service_point where id = ?', pointId)).toBe(0);

	const soon = nextSlot(pointId);
	const first = await bookOnBehalf(staff, pointId, soon, { name: '测试早', phone: '13711110011' });
	const second = await bookOnBehalf(staff, pointId, soon, { name: '测试迟', phone: '13711110012' });
	moveSlotSoon(soon);

	const asked = await staff.post('/staff?/checkin', { form: { code: first.code } });
	expect(asked.status()).toBe(409);
	const question = await asked.text();
	expect(question).toMatch(/此预约 \d{2}:\d{2} 开始，现在提前 \d+ 分钟签到，确认签到？/);
	// the answer is a form: the same code and confirm=1
	expect(question).toContain('name="confirm" value="1"');
	expect(statusOf(first.id)).toBe('booked');
	const confirmed = await staff.post('/staff?/checkin', {
		form: { code: first.code, confirm: '1' }
	});
	expect(confirmed.status()).toBe(200);
	expect(statusOf(first.id)).toBe('attended');

	// the day list's check-in button is held to the same rule
	const listed = await staff.post(`/staff/points/${pointId}?/attend`, {
		form: { bookingId: String(second.id) }
	});
	expect(listed.status()).toBe(409);
	expect(await listed.text()).toContain('确认签到');
	expect(statusOf(second.id)).toBe('booked');
	const listedConfirmed = await staff.post(`/staff/points/${pointId}?/attend`, {
		form: { bookingId: String(second.id), confirm: '1' }
	});
	expect(listedConfirmed.status()).toBe(200);
	expect(statusOf(second.id)).toBe('attended');

	// a bad setting is a 400 with a message, nothing written
	const bad = await staff.post(`/staff/points/${pointId}/manage?/details`, {
		form: { ...settings, earlyCheckInMinutes: '-5' }
	});
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toContain('0 到 1440');
	expect(count('select early_check_in_minutes n from service_point where id = ?', pointId)).toBe(0);
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
	expect(statusOf(early.id)).toBe('booked');

	// a slot of its own, moved into the past (the server's clock cannot be moved)
	const ended = nextSlot(pointId);
	const late = await bookOnBehalf(staff, pointId, ended, { name: '测试丙', phone: '13711110003' });
	moveSlotIntoThePast(ended);
	const forged = await otherStaff.post(`/staff/points/${pointId}?/noShow`, {
		form: { bookingId: String(late.id) }
	});
	expect(forged.status()).toBe(403);
	const noShow = await staff.post(`/staff/points/${pointId}?/noShow`, {
		form: { bookingId: String(late.id) }
	});
	expect(noShow.status()).toBe(200);
	expect(statusOf(late.id)).toBe('no_show');
	const undo = await staff.post(`/staff/points/${pointId}?/undo`, {
		form: { bookingId: String(late.id) }
	});
	expect(undo.status()).toBe(200);
	expect(statusOf(late.id)).toBe('booked');
});

test('staff of another community cannot see or change this point, its bookings or its ratings', async () => {
	const before = pointState();
	for (const path of [
		`/staff/points/${pointId}`,
		`/staff/points/${pointId}/manage`,
		`/staff/points/${pointId}/print`,
		`/staff/points/${pointId}/day.csv`
	]) {
		expect((await otherStaff.get(path)).status(), path).toBe(403);
	}
	const booking = count(
		"select b.id n from booking b join slot s on s.id = b.slot_id where s.service_point_id = ? and b.status = 'booked' limit 1",
		pointId
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
	const rating = count(
		'select r.id n from rating r join booking b on b.id = r.booking_id join slot s on s.id = b.slot_id join service_point p on p.id = s.service_point_id where p.community_code = ? limit 1',
		'620201001002'
	);
	const reply = await otherStaff.post('/staff/ratings?/reply', {
		form: { ratingId: String(rating), reply: '伪造的回复' }
	});
	expect(reply.status()).toBe(403);
	const list = await otherStaff.get('/staff/ratings');
	expect(await list.text()).not.toContain('胜利社区');
	expect(pointState()).toEqual(before);
	expect(count("select count(*) n from rating where reply = '伪造的回复'")).toBe(0);
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
	const before = count("select count(*) n from audit_log where action = 'booking.phone_revealed'");
	const shown = await staff.post(`/staff/points/${pointId}?/reveal`, {
		form: { bookingId: String(guest.id) }
	});
	expect(await shown.text()).toContain('13711110004');
	expect(count("select count(*) n from audit_log where action = 'booking.phone_revealed'")).toBe(
		before + 1
	);
});

test('cancelling a slot notifies everyone booked and clears its waitlist', async () => {
	const slot = nextSlot(pointId);
	const a = await bookOnBehalf(staff, pointId, slot, { name: '测试戊', phone: '13711110005' });
	const b = await bookOnBehalf(staff, pointId, slot, { name: '王建国', phone: '13900000001' });
	const response = await staff.post(`/staff/points/${pointId}?/cancelSlot`, {
		form: { slotId: String(slot), reason: '水管维修' }
	});
	expect(response.status()).toBe(200);
	expect(statusOf(a.id)).toBe('cancelled');
	expect(statusOf(b.id)).toBe('cancelled');
	expect(
		count(
			"select count(*) n from outbox where recipient = '13711110005' and body like '%水管维修%'"
		)
	).toBe(1);
	expect(
		count(
			"select count(*) n from notification n join user u on u.id = n.user_id where u.phone = '13900000001' and n.kind = 'booking_cancelled_closure'"
		)
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
		expect(count('select count(*) n from rating where booking_id = ?', visit.id)).toBe(1);
		const ratingId = count('select id n from rating where booking_id = ?', visit.id);

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
		const db = readDb();
		const row = db.prepare('select followed_up_at from rating where id = ?').get(ratingId) as {
			followed_up_at: number | null;
		};
		db.close();
		expect(row.followed_up_at).not.toBeNull();
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
	const before = pointState();
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
	expect(pointState()).toEqual(before);
});
