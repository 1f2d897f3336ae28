import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, transaction } from '../db';
import {
	booking,
	helpRequest,
	need,
	outbox,
	rating,
	servicePoint,
	slot,
	volunteer,
	volunteerService,
	volunteerStation
} from '../db/schema';
import * as family from '../accounts/family';
import * as invitations from '../accounts/invitations';
import { toXlsx } from '../spreadsheet';
import { addMealCategory, shengli, useTestDatabase } from '../testing/database';
import { addUser } from '../testing/accounts';
import { collectMyData, exportLimit, exportMyData, myDataSheets } from '.';

beforeEach(async () => {
	await useTestDatabase();
});

/** A point with one slot, a booking and a rating for each person, a need, and a texted code. */
async function twoPeople() {
	const db = getDb();
	await addMealCategory(db);
	const me = await addUser({ name: '王小明' });
	const other = await addUser({ name: '李四' });
	await transaction(db, async (tx) => {
		const [point] = await tx
			.insert(servicePoint)
			.values({
				name: '胜利社区助餐点',
				categoryCode: 'meal',
				communityCode: shengli,
				lng: 98.29,
				lat: 39.77,
				address: '地址',
				phone: '09376200001'
			})
			.returning({ id: servicePoint.id });
		const [s] = await tx
			.insert(slot)
			.values({
				servicePointId: point.id,
				startsAt: new Date('2026-11-20T03:00:00Z'),
				endsAt: new Date('2026-11-20T04:00:00Z'),
				capacity: 5,
				bookedCount: 2
			})
			.returning({ id: slot.id });
		for (const [person, code, comment] of [
			[me, 'MINE01', '=HYPERLINK("http://x","饭菜很好")'],
			[other, 'THEIRS', '别人的评价']
		] as const) {
			const [b] = await tx
				.insert(booking)
				.values({
					slotId: s.id,
					userId: person.id,
					bookedByUserId: person.id,
					channel: 'online',
					code,
					status: 'attended'
				})
				.returning({ id: booking.id });
			await tx.insert(rating).values({ bookingId: b.id, stars: 4, comment, tags: ['准时'] });
		}
		await tx.insert(need).values({
			communityCode: shengli,
			userId: me.id,
			raisedByUserId: me.id,
			channel: 'online',
			text: '希望增加托育点',
			place: 'home'
		});
		await tx.insert(outbox).values({
			channel: 'sms',
			recipient: me.phone,
			body: '验证码 123456',
			templateId: 'login_code'
		});
	});
	return { me, other };
}

describe('下载我的数据', () => {
	it('holds the person’s own profile, bookings, ratings, needs and family links, nobody else’s', async () => {
		const { me, other } = await twoPeople();
		const link = await invitations.invite(getDb(), other.id, me.phone, '192.0.2.1');
		if (link.ok) await family.confirm(getDb(), link.linkId, me.id);
		const data = (await collectMyData(getDb(), me.id))!;
		expect(data.profile).toMatchObject({ id: me.id, name: '王小明', phone: me.phone });
		expect(data.bookings.map((b) => b.code)).toEqual(['MINE01']);
		expect(data.bookings[0]).toMatchObject({
			servicePoint: '胜利社区助餐点',
			startsAt: '2026-11-20T03:00:00.000Z'
		});
		expect(data.ratings).toHaveLength(1);
		expect(data.ratings[0]).toMatchObject({ stars: 4, tags: '准时' });
		expect(data.needs.map((n) => n.text)).toEqual(['希望增加托育点']);
		// the elder sees the carer's name (as on the family page), not the carer's number
		expect(data.familyLinks).toMatchObject([
			{ asRole: 'elder', otherPerson: '李四', invitedPhone: null }
		]);
		const text = JSON.stringify(data);
		expect(text).not.toContain('THEIRS');
		expect(text).not.toContain('别人的评价');
		expect(text).not.toContain(other.phone);
		// no password hash, and no message text (it may hold a code that still works)
		expect(text).not.toMatch(/argon2|passwordHash/);
		expect(data.messages).toEqual([
			expect.objectContaining({ channel: 'sms', template: 'login_code' })
		]);
		expect(text).not.toContain('123456');

		// the carer's copy: the elder's number masked
		const carer = (await collectMyData(getDb(), other.id))!;
		expect(carer.familyLinks).toMatchObject([{ asRole: 'carer', otherPerson: '王小明' }]);
		expect(carer.familyLinks[0].invitedPhone).toMatch(/^1\d\d\*{4}\d{4}$/);
	});

	it('as .xlsx: a tab per section with Chinese headers, Beijing time, a formula-like comment as text', async () => {
		const { me } = await twoPeople();
		const workbook = new ExcelJS.Workbook();
		const bytes = await toXlsx(myDataSheets((await collectMyData(getDb(), me.id))!));
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
		const names = workbook.worksheets.map((s) => s.name);
		expect(names.slice(0, 5)).toEqual(['个人资料', '工作范围', '预约', '候补', '评价']);
		const profile = workbook.getWorksheet('个人资料')!;
		expect(profile.getCell('A2').value).toBe('编号');
		const bookings = workbook.getWorksheet('预约')!;
		const header = (bookings.getRow(1).values as unknown[]).slice(1);
		expect(header).toContain('服务点');
		const startsAt = header.indexOf('开始时间') + 1;
		expect(bookings.getCell(2, startsAt).value).toBe('2026-11-20 11:00:00');
		const ratings = workbook.getWorksheet('评价')!;
		const comment = ratings.getCell(2, (ratings.getRow(1).values as unknown[]).indexOf('评价内容'));
		expect(comment.value).toBe('=HYPERLINK("http://x","饭菜很好")');
		expect(comment.formula).toBeUndefined();
		expect(comment.numFmt).toBe('@');
	});

	it('is refused after the hourly limit, per person', async () => {
		const { me, other } = await twoPeople();
		for (let i = 0; i < exportLimit.max; i++)
			expect((await exportMyData(getDb(), me.id)).ok).toBe(true);
		const refused = await exportMyData(getDb(), me.id);
		expect(refused).toMatchObject({ ok: false, status: 429 });
		expect((await exportMyData(getDb(), other.id)).ok).toBe(true);
	});

	it('holds the consent given, the person’s volunteering, hours and help requests, nobody else’s', async () => {
		const { me, other } = await twoPeople();
		const db = getDb();
		await transaction(db, async (tx) => {
			const [station] = await tx
				.insert(volunteerStation)
				.values({
					communityCode: shengli,
					name: '胜利志愿服务站',
					place: '社区中心',
					lng: 98.29,
					lat: 39.77
				})
				.returning({ id: volunteerStation.id });
			const registered = { stationId: station.id, freeTimes: [], lng: 98.29, lat: 39.77 };
			const [mine] = await tx
				.insert(volunteer)
				.values({ ...registered, userId: me.id, items: ['reading_chat'], status: 'approved' })
				.returning({ id: volunteer.id });
			const [theirs] = await tx
				.insert(volunteer)
				.values({ ...registered, userId: other.id, items: ['haircut'], status: 'approved' })
				.returning({ id: volunteer.id });
			const asked = {
				communityCode: shengli,
				askedAs: 'self' as const,
				item: 'medical_escort' as const,
				wantedStartAt: new Date('2026-11-21T01:00:00Z'),
				wantedEndAt: new Date('2026-11-21T03:00:00Z'),
				lng: 98.29,
				lat: 39.77
			};
			const [theirRequest, myRequest] = await tx
				.insert(helpRequest)
				.values([
					{ ...asked, elderUserId: other.id, askedByUserId: other.id, note: '别人的求助' },
					{ ...asked, elderUserId: me.id, askedByUserId: me.id, note: '陪我去医院' }
				])
				.returning({ id: helpRequest.id });
			const served = {
				stationId: station.id,
				item: 'reading_chat' as const,
				servedOn: '2026-11-20'
			};
			await tx.insert(volunteerService).values([
				{ ...served, volunteerId: mine.id, helpRequestId: theirRequest.id, minutes: 90 },
				{ ...served, volunteerId: theirs.id, helpRequestId: myRequest.id, minutes: 45 }
			]);
		});
		const data = (await collectMyData(db, me.id))!;
		expect(data.profile).toHaveProperty('privacyNoticeVersion');
		expect(data.volunteering).toMatchObject([
			{ station: '胜利志愿服务站', items: 'reading_chat', status: 'approved' }
		]);
		expect(data.volunteerServices).toEqual([
			{ item: 'reading_chat', servedOn: '2026-11-20', minutes: 90, station: '胜利志愿服务站' }
		]);
		expect(data.helpRequests.map((h) => h.text)).toEqual(['陪我去医院']);
		expect(JSON.stringify(data)).not.toContain('别人的求助');
	});

	it('has nothing for an account that is gone', async () => {
		expect(await collectMyData(getDb(), 999_999)).toBeNull();
	});
});
