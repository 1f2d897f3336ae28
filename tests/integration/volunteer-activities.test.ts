import { expect, test, type APIRequestContext } from '@playwright/test';
import Papa from 'papaparse';
import { and, eq, like } from 'drizzle-orm';
import { schema, transaction } from '../../src/lib/server/db';
import { countRows, withServerDb } from '../support/test-server-db';
import { newClient, registerResident, signedInClient } from './accounts-helpers';

const { volunteer, volunteerActivity, volunteerActivitySignup, volunteerService, user } = schema;

/**
 * 志愿活动 and hours over HTTP (issue 19 part 2): only the staff of a station's community post and run
 * its activities (another community's staff get 403, nothing written); bad input is a 400 in Chinese
 * with nothing written; approved volunteers sign up without overbooking under parallel requests,
 * and a cancelled place is free again; names that look like formulas are text in the hours CSV.
 * Station 1 of the demo city is 胜利社区's.
 */

const station = '1';
const day = new Date(Date.now() + 8 * 3_600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
const formula = `=HYPERLINK("http://evil.example","志愿${Date.now() % 100000}")`;
let shengliStaff: APIRequestContext;
let wuyiStaff: APIRequestContext;
let anonymous: APIRequestContext;
const volunteers: { client: APIRequestContext; id: number }[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	shengliStaff = await signedInClient('13900000011');
	wuyiStaff = await signedInClient('13900000012');
	anonymous = await newClient();
	// four residents made approved volunteers of station 1 (registration is H2's flow; here the rows)
	for (let i = 0; i < 4; i++) volunteers.push(await registerResident());
	await withServerDb((db) =>
		transaction(db, async (tx) => {
			for (const [i, v] of volunteers.entries()) {
				await tx.insert(volunteer).values({
					userId: v.id,
					stationId: Number(station),
					items: ['reading_chat'],
					freeTimes: [],
					lng: 98.29,
					lat: 39.77,
					status: 'approved'
				});
				if (i === 0) await tx.update(user).set({ name: formula }).where(eq(user.id, v.id));
			}
		})
	);
});

test.afterAll(async () => {
	for (const c of [shengliStaff, wuyiStaff, anonymous, ...volunteers.map((v) => v.client)])
		await c.dispose();
});

const activityForm = (title: string, extra: Record<string, string> = {}) => ({
	station,
	title,
	description: '<img src=x onerror=alert(1)>带上老花镜',
	date: day,
	start: '09:00',
	end: '11:00',
	place: '胜利社区党群服务中心',
	capacity: '2',
	items: 'reading_chat',
	...extra
});

const titled = (title: string) =>
	countRows(volunteerActivity, like(volunteerActivity.title, title));

test('only the staff of the station’s community post; others get 403 and nothing is written', async () => {
	const title = `越权活动${Date.now()}`;
	expect(
		(
			await wuyiStaff.post('/staff/volunteer-activities?/post', { form: activityForm(title) })
		).status()
	).toBe(403);
	expect(
		(
			await volunteers[1].client.post('/staff/volunteer-activities?/post', {
				form: activityForm(title)
			})
		).status()
	).toBe(403);
	const anon = await anonymous.post('/staff/volunteer-activities?/post', {
		form: activityForm(title)
	});
	expect(anon.status()).toBe(303);
	// a forged origin is refused before anything runs
	const forged = await shengliStaff.post('/staff/volunteer-activities?/post', {
		form: activityForm(title),
		headers: { origin: 'https://evil.example' }
	});
	expect(forged.status()).toBe(403);
	expect(await titled(title)).toBe(0);
});

test('bad input is a 400 in Chinese, nothing written', async () => {
	const title = `坏输入${Date.now()}`;
	const bad: Record<string, string>[] = [
		{ title: '' },
		{ title: 'x'.repeat(101) },
		{ end: '08:00' },
		{ start: '25:00' },
		{ capacity: '0' },
		{ capacity: '1e2' },
		{ capacity: '201' },
		{ items: 'dancing' },
		{ date: '2026-02-30' },
		{ date: '2020-01-01' }
	];
	for (const extra of bad) {
		const response = await shengliStaff.post('/staff/volunteer-activities?/post', {
			form: activityForm(title, extra)
		});
		expect(response.status(), JSON.stringify(extra)).toBe(400);
		expect(await response.text()).toMatch(/[\u4e00-\u9fff]/);
	}
	expect(await titled(`${title}%`)).toBe(0);
	// an unknown station is a 404, not a 500
	const unknown = await shengliStaff.post('/staff/volunteer-activities?/post', {
		form: activityForm(title, { station: '999999' })
	});
	expect(unknown.status()).toBe(404);
	const badId = await shengliStaff.post('/staff/volunteer-activities?/cancel', {
		form: { activity: 'x' }
	});
	expect(badId.status()).toBe(400);
});

test('parallel sign-ups never overbook; cancelling frees the place; the page shows markup as text', async () => {
	const title = `<script>alert(1)</script>读报会${Date.now()}`;
	const posted = await shengliStaff.post('/staff/volunteer-activities?/post', {
		form: activityForm(title)
	});
	expect(posted.status()).toBe(200);
	const [activity] = await withServerDb((db) =>
		db
			.select({ id: volunteerActivity.id })
			.from(volunteerActivity)
			.where(eq(volunteerActivity.title, title))
	);
	const form = { activity: String(activity.id) };
	const results = await Promise.all(
		volunteers.map((v) => v.client.post('/volunteer/activities?/signup', { form }))
	);
	const statuses = results.map((r) => r.status()).sort();
	expect(statuses).toEqual([200, 200, 409, 409]);
	const active = () =>
		countRows(
			volunteerActivitySignup,
			and(
				eq(volunteerActivitySignup.activityId, activity.id),
				eq(volunteerActivitySignup.status, 'signed_up')
			)
		);
	expect(await active()).toBe(2);
	const winner = volunteers[results.findIndex((r) => r.status() === 200)];
	const loser = volunteers[results.findIndex((r) => r.status() === 409)];
	expect((await winner.client.post('/volunteer/activities?/signup', { form })).status()).toBe(409);
	expect((await winner.client.post('/volunteer/activities?/cancel', { form })).status()).toBe(200);
	expect((await loser.client.post('/volunteer/activities?/signup', { form })).status()).toBe(200);
	expect(await active()).toBe(2);
	// a resident who is no volunteer is refused
	const resident = await signedInClient('13900000001');
	expect((await resident.post('/volunteer/activities?/signup', { form })).status()).toBe(403);
	await resident.dispose();

	const page = await anonymous.get('/communities/620201001002');
	const html = await page.text();
	expect(html).toContain('读报会');
	expect(html).not.toContain('<script>alert(1)</script>读报会');

	// another community's staff neither see the list nor record attendance; call-off is theirs alone
	expect((await wuyiStaff.get(`/staff/volunteer-activities/${activity.id}`)).status()).toBe(403);
	expect(
		(
			await wuyiStaff.post(`/staff/volunteer-activities/${activity.id}?/attendance`, { form: {} })
		).status()
	).toBe(403);
	expect((await wuyiStaff.post('/staff/volunteer-activities?/cancel', { form })).status()).toBe(
		403
	);
	// attendance before the start is refused, nothing written
	expect(
		(
			await shengliStaff.post(`/staff/volunteer-activities/${activity.id}?/attendance`, {
				form: {}
			})
		).status()
	).toBe(409);
	expect(await countRows(volunteerService, eq(volunteerService.activityId, activity.id))).toBe(0);
	expect((await shengliStaff.post('/staff/volunteer-activities?/cancel', { form })).status()).toBe(
		200
	);
	expect(await active()).toBe(0);
});

test('the hours CSV writes a formula-looking name as text, with English headers', async () => {
	const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
	await withServerDb((db) =>
		transaction(db, async (tx) => {
			const [v] = await tx
				.select({ id: volunteer.id })
				.from(volunteer)
				.where(eq(volunteer.userId, volunteers[0].id));
			const [a] = await tx
				.insert(volunteerActivity)
				.values({
					stationId: Number(station),
					title: '过去的活动',
					startsAt: new Date(Date.now() - 3_600_000),
					endsAt: new Date(Date.now() - 1_800_000),
					place: '活动室',
					capacity: 5
				})
				.returning({ id: volunteerActivity.id });
			await tx.insert(volunteerService).values({
				volunteerId: v.id,
				stationId: Number(station),
				activityId: a.id,
				item: 'reading_chat',
				minutes: 90,
				servedOn: `${month}-01`
			});
		})
	);
	const response = await shengliStaff.get(`/staff/volunteer-hours.csv?month=${month}`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('text/csv');
	const text = await response.text();
	const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
	expect(rows[0]).toEqual([
		'month',
		'community',
		'station',
		'volunteer',
		'phone',
		'services',
		'minutes',
		'hours'
	]);
	const mine = rows.find((r) => r[3].includes('HYPERLINK'))!;
	expect(mine[3]).toBe(`'${formula}`);
	expect(mine[4]).toMatch(/^\d{3}\*{4}\d{4}$/);
	expect(rows.slice(1).every((r) => !/^[=+\-@\t\r]/.test(r[3]))).toBe(true);
	const stations = await shengliStaff.get(`/staff/volunteer-hours.csv?month=${month}&by=station`);
	const stationRows = Papa.parse<string[]>((await stations.text()).slice(1), {
		skipEmptyLines: true
	}).data;
	expect(stationRows[0]).toEqual([
		'month',
		'community',
		'station',
		'volunteers',
		'services',
		'minutes',
		'hours'
	]);
	// 五一社区's staff do not see 胜利社区's volunteers
	const other = await wuyiStaff.get(`/staff/volunteer-hours.csv?month=${month}`);
	expect(await other.text()).not.toContain('HYPERLINK');
	// the volunteer's own page and certificate show the hours
	const mineHtml = await (await volunteers[0].client.get('/volunteer/hours')).text();
	expect(mineHtml).toContain('1.5');
	const certificate = await volunteers[0].client.get(`/volunteer/hours/${month.slice(0, 4)}`);
	expect(certificate.status()).toBe(200);
	expect(await certificate.text()).toContain('志愿服务时长证明');
	// a year without services, and a malformed one, are 404
	expect((await volunteers[0].client.get('/volunteer/hours/2019')).status()).toBe(404);
	expect((await volunteers[0].client.get('/volunteer/hours/abcd')).status()).toBe(404);
});
