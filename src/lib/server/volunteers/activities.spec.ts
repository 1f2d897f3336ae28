import { beforeEach, describe, expect, it } from 'vitest';
import { and, count, eq, ne } from 'drizzle-orm';
import { transaction } from '../db';
import {
	user,
	volunteer,
	volunteerActivity,
	volunteerActivitySignup,
	volunteerService,
	volunteerStation
} from '../db/schema';
import { createFixture, fixtureNow, type Fixture } from '../testing/booking';
import { hourMs, localDate } from '$lib/time';
import { cancelActivity, cancelSignUp, postActivity, recordAttendance, signUp } from './activities';
import {
	activitiesForVolunteer,
	activityWithSignups,
	upcomingOfCommunity
} from './activity-queries';
import { activityInput } from './activity-schemas';
import { placesLeft, serviceMinutesOf, signUpRefusal } from './activity-rules';
import { hoursPerStation, hoursPerVolunteer, serviceHistory, totalsByYear } from './hours';

const now = fixtureNow;
const tomorrow = localDate(now + 24 * hourMs);
let f: Fixture;
let stationId: number;
/** user ids of approved volunteers; then one pending */
let volunteers: number[];
let pendingUserId: number;

async function addVolunteers(n: number, status: 'approved' | 'pending' = 'approved') {
	return transaction(f.db, async (tx) => {
		const ids: number[] = [];
		for (let i = 0; i < n; i++) {
			const [person] = await tx
				.insert(user)
				.values({
					name: `志愿者${status}${i}`,
					phone: `150${String(i).padStart(4, '0')}${status === 'approved' ? '0001' : '0002'}`
				})
				.returning({ id: user.id });
			await tx.insert(volunteer).values({
				userId: person.id,
				stationId,
				items: ['reading_chat'],
				freeTimes: [{ weekday: 1, startMinute: 480, endMinute: 720 }],
				lng: 98.29,
				lat: 39.8,
				status
			});
			ids.push(person.id);
		}
		return ids;
	});
}

const form = (extra: Record<string, unknown> = {}) =>
	activityInput.parse({
		station: String(stationId),
		title: '读报聊天',
		date: tomorrow,
		start: '09:00',
		end: '11:30',
		place: '社区活动室',
		capacity: '3',
		items: ['reading_chat'],
		...extra
	});

beforeEach(async () => {
	f = await createFixture(2);
	stationId = await transaction(f.db, async (tx) => {
		const [row] = await tx
			.insert(volunteerStation)
			.values({
				communityCode: '620201001001',
				name: '甲社区志愿服务站',
				place: '甲社区党群服务中心',
				lng: 98.29,
				lat: 39.8,
				items: ['reading_chat', 'home_visit']
			})
			.returning({ id: volunteerStation.id });
		return row.id;
	});
	volunteers = await addVolunteers(12);
	[pendingUserId] = await addVolunteers(1, 'pending');
});

async function post(capacity = 3) {
	const result = await postActivity(f.db, {
		activity: form({ capacity: String(capacity) }),
		byUserId: f.staffId,
		now
	});
	if (result.status !== 'ok') throw new Error(result.status);
	return result.activityId;
}

async function taken(activityId: number) {
	const [row] = await f.db
		.select({ n: volunteerActivity.signedUpCount })
		.from(volunteerActivity)
		.where(eq(volunteerActivity.id, activityId));
	const [rows] = await f.db
		.select({ n: count() })
		.from(volunteerActivitySignup)
		.where(
			and(
				eq(volunteerActivitySignup.activityId, activityId),
				ne(volunteerActivitySignup.status, 'cancelled')
			)
		);
	return { counter: row.n, rows: rows.n };
}

describe('posting an activity', () => {
	it('is for the staff of the station’s community (and administrators) only', async () => {
		const activity = form();
		expect(await postActivity(f.db, { activity, byUserId: f.otherStaffId, now })).toEqual({
			status: 'forbidden'
		});
		expect(await postActivity(f.db, { activity, byUserId: volunteers[0], now })).toEqual({
			status: 'forbidden'
		});
		expect((await postActivity(f.db, { activity, byUserId: f.adminId, now })).status).toBe('ok');
		expect((await postActivity(f.db, { activity, byUserId: f.staffId, now })).status).toBe('ok');
	});

	it('refuses a time already past and an unknown station, writing nothing', async () => {
		const past = form({ date: localDate(now - 24 * hourMs) });
		expect(await postActivity(f.db, { activity: past, byUserId: f.staffId, now })).toEqual({
			status: 'past'
		});
		const unknown = { ...form(), stationId: stationId + 99 };
		expect(await postActivity(f.db, { activity: unknown, byUserId: f.staffId, now })).toEqual({
			status: 'not_found'
		});
		const [{ n }] = await f.db.select({ n: count() }).from(volunteerActivity);
		expect(n).toBe(0);
	});

	it('validates its form: an end before the start, 0 places, an unknown item, markup kept as text', () => {
		expect(activityInput.safeParse({ ...rawForm(), end: '08:00' }).success).toBe(false);
		expect(activityInput.safeParse({ ...rawForm(), capacity: '0' }).success).toBe(false);
		expect(activityInput.safeParse({ ...rawForm(), capacity: '1e2' }).success).toBe(false);
		expect(activityInput.safeParse({ ...rawForm(), items: ['dancing'] }).success).toBe(false);
		expect(activityInput.safeParse({ ...rawForm(), date: '2026-02-30' }).success).toBe(false);
		expect(activityInput.safeParse({ ...rawForm(), title: ' ' }).success).toBe(false);
		const markup = activityInput.parse({ ...rawForm(), title: '<b>x</b>' });
		expect(markup.title).toBe('<b>x</b>');
		expect(markup.endsAt - markup.startsAt).toBe(2.5 * hourMs);
	});
});

function rawForm() {
	return {
		station: '1',
		title: '读报聊天',
		date: tomorrow,
		start: '09:00',
		end: '11:30',
		place: '社区活动室',
		capacity: '3',
		items: 'reading_chat'
	};
}

describe('signing up: the capacity rule of booking slots', () => {
	it('a burst of parallel sign-ups never overbooks; each volunteer holds one place', async () => {
		const activityId = await post(5);
		const results = await Promise.all(
			[...volunteers, ...volunteers.slice(0, 4)].map((byUserId) =>
				signUp(f.db, { activityId, byUserId, now })
			)
		);
		const ok = results.filter((r) => r.status === 'ok').length;
		expect(ok).toBe(5);
		expect(results.every((r) => ['ok', 'full', 'duplicate'].includes(r.status))).toBe(true);
		expect(await taken(activityId)).toEqual({ counter: 5, rows: 5 });
	});

	it('cancelling frees the place for the next volunteer; a second sign-up is a duplicate', async () => {
		const activityId = await post(1);
		expect((await signUp(f.db, { activityId, byUserId: volunteers[0], now })).status).toBe('ok');
		expect(await signUp(f.db, { activityId, byUserId: volunteers[0], now })).toEqual({
			status: 'duplicate'
		});
		expect(await signUp(f.db, { activityId, byUserId: volunteers[1], now })).toEqual({
			status: 'full'
		});
		expect(await cancelSignUp(f.db, { activityId, byUserId: volunteers[0], now })).toEqual({
			status: 'ok'
		});
		expect(await taken(activityId)).toEqual({ counter: 0, rows: 0 });
		expect((await signUp(f.db, { activityId, byUserId: volunteers[1], now })).status).toBe('ok');
		// the one who cancelled may come back only if a place is free again
		expect(await signUp(f.db, { activityId, byUserId: volunteers[0], now })).toEqual({
			status: 'full'
		});
	});

	it('is for approved volunteers only, before the start, on an activity not called off', async () => {
		const activityId = await post(3);
		expect(await signUp(f.db, { activityId, byUserId: pendingUserId, now })).toEqual({
			status: 'not_volunteer'
		});
		expect(await signUp(f.db, { activityId, byUserId: f.residents[0], now })).toEqual({
			status: 'not_volunteer'
		});
		const late = now + 30 * hourMs;
		expect(await signUp(f.db, { activityId, byUserId: volunteers[0], now: late })).toEqual({
			status: 'started'
		});
		expect(
			await signUp(f.db, { activityId: activityId + 99, byUserId: volunteers[0], now })
		).toEqual({ status: 'not_found' });
		expect((await signUp(f.db, { activityId, byUserId: volunteers[0], now })).status).toBe('ok');
		expect(await cancelActivity(f.db, { activityId, byUserId: f.otherStaffId, now })).toEqual({
			status: 'forbidden'
		});
		expect(await cancelActivity(f.db, { activityId, byUserId: f.staffId, now })).toEqual({
			status: 'ok'
		});
		expect(await taken(activityId)).toEqual({ counter: 0, rows: 0 });
		expect(await signUp(f.db, { activityId, byUserId: volunteers[1], now })).toEqual({
			status: 'cancelled'
		});
		expect(await upcomingOfCommunity(f.db, '620201001001', now)).toEqual([]);
	});

	it('the rules alone: places left, the refusal order', () => {
		const state = {
			startsAt: now + hourMs,
			endsAt: now + 2 * hourMs,
			capacity: 2,
			signedUpCount: 2,
			cancelled: false
		};
		expect(placesLeft(state)).toBe(0);
		expect(signUpRefusal(state, now)).toBe('full');
		expect(signUpRefusal({ ...state, signedUpCount: 1 }, now)).toBeNull();
		expect(signUpRefusal({ ...state, signedUpCount: 1 }, now + hourMs)).toBe('started');
		expect(signUpRefusal({ ...state, cancelled: true }, now)).toBe('cancelled');
		expect(serviceMinutesOf({ startsAt: 0, endsAt: 3 * 24 * hourMs })).toBe(1440);
	});
});

describe('attendance and hours', () => {
	it('records the hours of those who came, once; a correction takes them back; sums per month', async () => {
		const activityId = await post(3);
		for (const v of volunteers.slice(0, 3)) await signUp(f.db, { activityId, byUserId: v, now });
		const listed = (await activityWithSignups(f.db, activityId))!.signups;
		expect(listed.map((s) => s.phoneMasked.includes('****'))).toEqual([true, true, true]);
		const after = now + 26 * hourMs;
		expect(
			await recordAttendance(f.db, {
				activityId,
				attendedSignupIds: [listed[0].id],
				byUserId: f.staffId,
				now: now + hourMs
			})
		).toEqual({ status: 'not_yet' });
		expect(
			await recordAttendance(f.db, {
				activityId,
				attendedSignupIds: [listed[0].id, listed[1].id],
				byUserId: f.otherStaffId,
				now: after
			})
		).toEqual({ status: 'forbidden' });
		// a sign-up id of another activity is refused whole
		expect(
			await recordAttendance(f.db, {
				activityId,
				attendedSignupIds: [listed[0].id, 99_999],
				byUserId: f.staffId,
				now: after
			})
		).toEqual({ status: 'not_found' });
		for (let i = 0; i < 2; i++)
			expect(
				await recordAttendance(f.db, {
					activityId,
					attendedSignupIds: [listed[0].id, listed[1].id],
					byUserId: f.staffId,
					now: after
				})
			).toEqual({ status: 'ok' });
		const [{ n }] = await f.db.select({ n: count() }).from(volunteerService);
		expect(n).toBe(2);
		const mine = await serviceHistory(f.db, volunteers[0]);
		expect(mine).toMatchObject([{ minutes: 150, kind: 'activity', activityTitle: '读报聊天' }]);
		expect(await serviceHistory(f.db, volunteers[2])).toEqual([]);
		// a correction: the second did not come after all
		await recordAttendance(f.db, {
			activityId,
			attendedSignupIds: [listed[0].id],
			byUserId: f.staffId,
			now: after
		});
		expect(await serviceHistory(f.db, volunteers[1])).toEqual([]);
		const month = tomorrow.slice(0, 7);
		expect(await hoursPerStation(f.db, ['620201001001'], month)).toMatchObject([
			{ stationId, volunteers: 1, minutes: 150, services: 1 }
		]);
		expect(await hoursPerVolunteer(f.db, ['620201001002'], month)).toEqual([]);
		const views = await activitiesForVolunteer(f.db, volunteers[0], after);
		expect(views.find((a) => a.id === activityId)?.mine).toBe('attended');
	});

	it('sums minutes per year and per month at the month boundary', async () => {
		await transaction(f.db, async (tx) => {
			const [v] = await tx
				.select({ id: volunteer.id })
				.from(volunteer)
				.where(eq(volunteer.userId, volunteers[0]));
			const activityIds: number[] = [];
			for (const day of ['2025-12-31', '2026-01-01', '2026-01-31', '2026-02-01']) {
				const [a] = await tx
					.insert(volunteerActivity)
					.values({
						stationId,
						title: day,
						startsAt: new Date(`${day}T01:00:00Z`),
						endsAt: new Date(`${day}T02:00:00Z`),
						place: '活动室',
						capacity: 5
					})
					.returning({ id: volunteerActivity.id });
				activityIds.push(a.id);
				await tx.insert(volunteerService).values({
					volunteerId: v.id,
					stationId,
					activityId: a.id,
					item: 'reading_chat',
					minutes: 45,
					servedOn: day
				});
			}
		});
		const totals = totalsByYear(await serviceHistory(f.db, volunteers[0]));
		expect(totals).toEqual([
			{ year: 2026, minutes: 135, services: 3 },
			{ year: 2025, minutes: 45, services: 1 }
		]);
		expect(await hoursPerVolunteer(f.db, ['620201001001'], '2026-01')).toMatchObject([
			{ minutes: 90, services: 2 }
		]);
		expect(await hoursPerVolunteer(f.db, ['620201001001'], '2025-12')).toMatchObject([
			{ minutes: 45, services: 1 }
		]);
		expect((await serviceHistory(f.db, volunteers[0], 2025)).length).toBe(1);
	});
});
