import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { offsetM } from '$lib/geo/fixtures/city';
import { hourMs, localMidnight, minuteMs } from '$lib/time';
import { dialectOf, transaction } from '../db';
import {
	helpOffer,
	helpRequest,
	notification,
	outbox,
	residence,
	roadEdge,
	user,
	volunteer,
	volunteerService
} from '../db/schema';
import type { FreeTime, VolunteerItem } from '../db/schema/volunteers';
import { createFixture, fixtureNow, type Fixture } from '../testing/booking';
import {
	accept,
	ask,
	boardOf,
	cancel,
	confirm,
	createStation,
	escalateDue,
	match,
	register,
	requestsFor,
	servicesOf,
	setStatus
} from '.';

const home = '620201001001';
// fixtureNow is Thursday 26 November 2026, 10:00 in Jiayuguan; the help is for Friday 09:00
const friday = localMidnight('2026-11-27');
const fridayNine = friday + 9 * hourMs;
const fridayMorning: FreeTime = { weekday: 5, startMinute: 8 * 60, endMinute: 12 * 60 };
const fridayAfternoon: FreeTime = { weekday: 5, startMinute: 12 * 60, endMinute: 18 * 60 };

/**
 * A U-shaped street: two parallel 600 m streets joined at their far end, 60 m apart. The elder lives
 * at the open end of the lower street; "across" is 80 m away as the crow flies but 1,280 m on foot,
 * "along" is 320 m on foot: nearest by walking is "along".
 */
const places = {
	elder: offsetM(0, -10),
	along: offsetM(300, -10),
	across: offsetM(0, 70)
};

interface City extends Fixture {
	stationId: number;
	homes: Record<keyof typeof places, number>;
	people: number[];
}

async function city(): Promise<City> {
	const f = await createFixture(12);
	const homes = await transaction(f.db, async (tx) => {
		await tx.insert(roadEdge).values([
			{ kind: 'residential', coordinates: [offsetM(0, 0), offsetM(600, 0)] },
			{ kind: 'residential', coordinates: [offsetM(600, 0), offsetM(600, 60)] },
			{ kind: 'residential', coordinates: [offsetM(600, 60), offsetM(0, 60)] }
		]);
		const ids = {} as Record<keyof typeof places, number>;
		for (const [name, [lng, lat]] of Object.entries(places)) {
			const [row] = await tx
				.insert(residence)
				.values({
					name: `${name}小区`,
					communityCode: home,
					lng,
					lat,
					households: 10,
					residents: 20,
					elderly60plus: 5,
					children0to3: 0
				})
				.returning({ id: residence.id });
			ids[name as keyof typeof places] = row.id;
		}
		await tx
			.update(user)
			.set({ communityCode: home, homeResidenceId: ids.elder })
			.where(eq(user.id, f.elderId));
		await tx.update(user).set({ communityCode: home }).where(eq(user.id, f.carerId));
		return ids;
	});
	const station = await createStation(f.db, {
		communityCode: home,
		staffUserId: f.staffId,
		name: '甲社区志愿服务站',
		place: '甲社区综合服务中心',
		lng: offsetM(100, 0)[0],
		lat: offsetM(100, 0)[1],
		openingText: '每天 8:00–18:00',
		contact: '09376200001',
		items: ['medical_escort', 'meal_delivery']
	});
	if (station.status !== 'ok') throw new Error('station');
	return { ...f, stationId: station.id, homes, people: f.residents };
}

/** Registers a resident living at `at` and approves them (unless `approve` is false). */
async function volunteerAt(
	c: City,
	userId: number,
	at: keyof typeof places,
	options: {
		items?: VolunteerItem[];
		free?: FreeTime[];
		limit?: number;
		approve?: boolean;
	} = {}
): Promise<number> {
	await transaction(c.db, (tx) =>
		tx.update(user).set({ homeResidenceId: c.homes[at] }).where(eq(user.id, userId))
	);
	const registered = await register(c.db, {
		userId,
		stationId: c.stationId,
		items: options.items ?? ['medical_escort'],
		freeTimes: options.free ?? [fridayMorning],
		maxWalkingMinutes: options.limit ?? 30,
		now: fixtureNow
	});
	if (registered.status !== 'ok') throw new Error(registered.status);
	if (options.approve !== false) {
		const approved = await setStatus(c.db, {
			volunteerId: registered.volunteer.id,
			action: 'approve',
			by: 'staff',
			actorUserId: c.staffId,
			now: fixtureNow
		});
		expect(approved.status).toBe('ok');
	}
	return registered.volunteer.id;
}

const escortInput = {
	item: 'medical_escort' as const,
	startsAt: fridayNine,
	note: '去市医院复查',
	building: '3号楼',
	flat: '2单元301'
};

describe('matching a help request to volunteers', () => {
	it('offers it nearest first by walking minutes on the streets, not by straight lines', async () => {
		const c = await city();
		const across = await volunteerAt(c, c.people[0], 'across');
		const along = await volunteerAt(c, c.people[1], 'along');
		const found = await match(c.db, {
			item: 'medical_escort',
			startsAt: fridayNine,
			endsAt: fridayNine + 2 * hourMs,
			point: places.elder
		});
		expect(found.map((v) => v.volunteerId)).toEqual([along, across]);
		expect(found[0].walkingMinutes).toBeCloseTo(320 / 1.2 / 60, 1);
		// 80 m as the crow flies, 1,280 m round the bend
		expect(found[1].walkingMinutes).toBeCloseTo(1280 / 1.2 / 60, 1);
	});

	it('leaves out other items, other free times, walks beyond a volunteer’s own limit, and the unapproved', async () => {
		const c = await city();
		const fits = await volunteerAt(c, c.people[0], 'along');
		await volunteerAt(c, c.people[1], 'along', { items: ['haircut'] });
		await volunteerAt(c, c.people[2], 'along', { free: [fridayAfternoon] });
		// 17.8 minutes' walk is beyond a 10-minute limit, though only 80 m as the crow flies
		await volunteerAt(c, c.people[3], 'across', { limit: 10 });
		await volunteerAt(c, c.people[4], 'along', { approve: false });
		const paused = await volunteerAt(c, c.people[5], 'along');
		await setStatus(c.db, {
			volunteerId: paused,
			action: 'pause',
			by: 'self',
			actorUserId: c.people[5]
		});
		const found = await match(c.db, {
			item: 'medical_escort',
			startsAt: fridayNine,
			endsAt: fridayNine + 2 * hourMs,
			point: places.elder
		});
		expect(found.map((v) => v.volunteerId)).toEqual([fits]);
		// a help that runs past the free window (11:00–13:00 against 8:00–12:00) matches nobody
		expect(
			await match(c.db, {
				item: 'medical_escort',
				startsAt: friday + 11 * hourMs,
				endsAt: friday + 13 * hourMs,
				point: places.elder
			})
		).toEqual([]);
	});

	it('leaves out a volunteer already helping someone else at that time', async () => {
		const c = await city();
		const busy = await volunteerAt(c, c.people[0], 'along');
		const first = await ask(c.db, {
			...escortInput,
			actor: { id: c.elderId, role: 'resident' },
			elderUserId: c.elderId,
			now: fixtureNow
		});
		if (first.status !== 'ok') throw new Error(first.status);
		expect((await accept(c.db, { requestId: first.request.id, userId: c.people[0] })).status).toBe(
			'ok'
		);
		const overlapping = await match(c.db, {
			item: 'medical_escort',
			startsAt: fridayNine + hourMs,
			endsAt: fridayNine + 2 * hourMs,
			point: places.elder
		});
		expect(overlapping.map((v) => v.volunteerId)).not.toContain(busy);
	});
});

describe('a help request from asking to hours', () => {
	it('is offered to the matches, accepted by the first, confirmed by the elder, and the hours written once', async () => {
		const c = await city();
		const near = await volunteerAt(c, c.people[0], 'along');
		const far = await volunteerAt(c, c.people[1], 'across');
		const asked = await ask(c.db, {
			...escortInput,
			actor: { id: c.elderId, role: 'resident' },
			elderUserId: c.elderId,
			now: fixtureNow
		});
		expect(asked).toMatchObject({ status: 'ok', request: { status: 'offered', offered: 2 } });
		if (asked.status !== 'ok') return;
		const id = asked.request.id;
		const offers = await c.db
			.select({ volunteerId: helpOffer.volunteerId, rank: helpOffer.rank })
			.from(helpOffer)
			.where(eq(helpOffer.helpRequestId, id))
			.orderBy(helpOffer.rank);
		expect(offers).toEqual([
			{ volunteerId: near, rank: 1 },
			{ volunteerId: far, rank: 2 }
		]);
		// both are told, without the elder's name or address
		const told = await c.db
			.select()
			.from(notification)
			.where(eq(notification.kind, 'help_offered'));
		expect(told.map((n) => n.userId).sort()).toEqual([c.people[0], c.people[1]].sort());
		expect(JSON.stringify(told)).not.toContain('长辈');
		expect(JSON.stringify(told)).not.toContain('301');
		const texts = await c.db.select().from(outbox).where(eq(outbox.templateId, 'help_offered'));
		expect(texts).toHaveLength(2);

		// before accepting: the community and the walk, not the name or address
		const before = await boardOf(c.db, near, fixtureNow);
		expect(before.offers).toHaveLength(1);
		expect(JSON.stringify(before)).not.toMatch(/长辈|3号楼|301/);

		// someone it was not offered to cannot accept it (nor learn it exists)
		expect((await accept(c.db, { requestId: id, userId: c.people[2] })).status).toBe('not_found');
		expect(
			(await accept(c.db, { requestId: id, userId: c.people[0], now: fixtureNow })).status
		).toBe('ok');
		expect(
			(await accept(c.db, { requestId: id, userId: c.people[1], now: fixtureNow })).status
		).toBe('taken');
		expect(
			(await c.db.select().from(notification).where(eq(notification.kind, 'help_accepted'))).map(
				(n) => n.userId
			)
		).toEqual([c.elderId]);

		// after accepting: name, masked phone, the building; the flat only on the day
		const dayBefore = await boardOf(c.db, near, fixtureNow);
		expect(dayBefore.offers).toEqual([]);
		expect(dayBefore.accepted[0].elder?.name).toBe('长辈');
		expect(dayBefore.accepted[0].elder?.maskedPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
		expect(dayBefore.accepted[0].address).toEqual({
			residence: 'elder小区',
			building: '3号楼',
			flat: null
		});
		expect((await boardOf(c.db, near, friday + hourMs)).accepted[0].address.flat).toBe('2单元301');
		// the other volunteer no longer sees it
		expect((await boardOf(c.db, far, fixtureNow)).offers).toEqual([]);
		// the elder sees the volunteer
		const mine = await requestsFor(c.db, c.elderId, fixtureNow);
		expect(mine[0].volunteer?.name).toBe('居民1');
		expect(mine[0].canConfirm).toBe(false);

		const elder = { id: c.elderId, role: 'resident' as const };
		expect((await confirm(c.db, { requestId: id, actor: elder, now: fixtureNow })).status).toBe(
			'too_early'
		);
		const otherStaff = { id: c.otherStaffId, role: 'staff' as const };
		expect(
			(await confirm(c.db, { requestId: id, actor: otherStaff, now: fridayNine + 3 * hourMs }))
				.status
		).toBe('not_found');
		const done = await confirm(c.db, { requestId: id, actor: elder, now: fridayNine + 3 * hourMs });
		expect(done).toEqual({ status: 'ok', service: { minutes: 120, servedOn: '2026-11-27' } });
		expect(
			(await confirm(c.db, { requestId: id, actor: elder, now: fridayNine + 3 * hourMs })).status
		).toBe('not_active');
		const rows = await c.db.select().from(volunteerService);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ volunteerId: near, stationId: c.stationId, minutes: 120 });
		expect(await servicesOf(c.db, [near])).toMatchObject({ totalMinutes: 120 });
	});

	it('is taken by exactly one of many volunteers accepting at once', async () => {
		const c = await city();
		const people = c.people.slice(0, 10);
		for (const person of people) await volunteerAt(c, person, 'along');
		const asked = await ask(c.db, {
			...escortInput,
			actor: { id: c.elderId, role: 'resident' },
			elderUserId: c.elderId,
			now: fixtureNow
		});
		if (asked.status !== 'ok') throw new Error(asked.status);
		expect(asked.request.offered).toBe(10);
		const results = await Promise.all(
			people.map((userId) => accept(c.db, { requestId: asked.request.id, userId }))
		);
		expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'taken')).toHaveLength(9);
		const [row] = await c.db.select().from(helpRequest).where(eq(helpRequest.id, asked.request.id));
		expect(row.status).toBe('accepted');
		const winner = people[results.findIndex((r) => r.status === 'ok')];
		const [mine] = await c.db
			.select({ id: volunteer.id })
			.from(volunteer)
			.where(and(eq(volunteer.userId, winner)));
		expect(row.acceptedVolunteerId).toBe(mine.id);
		expect(
			await c.db.select().from(notification).where(eq(notification.kind, 'help_accepted'))
		).toHaveLength(1);
	});

	it('is called off with the volunteer who accepted it meanwhile told, and the elder told who', async () => {
		const c = await city();
		await volunteerAt(c, c.people[0], 'along');
		const elder = { id: c.elderId, role: 'resident' as const };
		const askOne = async () => {
			const asked = await ask(c.db, {
				...escortInput,
				actor: elder,
				elderUserId: c.elderId,
				now: fixtureNow
			});
			if (asked.status !== 'ok') throw new Error(asked.status);
			return asked.request.id;
		};
		const toldAbout = async (id: number) =>
			(
				await c.db
					.select({ payload: notification.payload })
					.from(notification)
					.where(and(eq(notification.kind, 'help_cancelled'), eq(notification.userId, c.people[0])))
			).filter((n) => (n.payload as { helpRequestId?: number }).helpRequestId === id).length;

		// nobody accepted: nobody to tell
		const open = await askOne();
		expect(await cancel(c.db, { requestId: open, actor: elder, now: fixtureNow })).toEqual({
			status: 'ok',
			told: null
		});
		expect(await toldAbout(open)).toBe(0);

		// accepted, then called off: the volunteer is told, and the elder is told who
		const accepted = await askOne();
		expect(
			(await accept(c.db, { requestId: accepted, userId: c.people[0], now: fixtureNow })).status
		).toBe('ok');
		const [me] = await c.db.select({ name: user.name }).from(user).where(eq(user.id, c.people[0]));
		expect(await cancel(c.db, { requestId: accepted, actor: elder, now: fixtureNow })).toEqual({
			status: 'ok',
			told: me.name
		});
		expect(await toldAbout(accepted)).toBe(1);

		// accepted after the cancel's first look and before its write: the volunteer is still told.
		// (On PostgreSQL: its reads outside the transaction see only what is committed, and its
		// transaction waits for this one. A SQLite spec database is one connection, where the cancel
		// would join the open transaction instead.)
		if (dialectOf(c.db) !== 'postgres') return;
		const raced = await askOne();
		const [mine] = await c.db
			.select({ id: volunteer.id })
			.from(volunteer)
			.where(eq(volunteer.userId, c.people[0]));
		let cancelling!: ReturnType<typeof cancel>;
		await transaction(c.db, async (tx) => {
			cancelling = cancel(c.db, { requestId: raced, actor: elder, now: fixtureNow });
			// let its first reads run (they see the request open); its write waits for this transaction
			for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setTimeout(resolve, 5));
			await tx
				.update(helpRequest)
				.set({ status: 'accepted', acceptedVolunteerId: mine.id, acceptedAt: new Date(fixtureNow) })
				.where(eq(helpRequest.id, raced));
		});
		expect(await cancelling).toEqual({ status: 'ok', told: me.name });
		expect(await toldAbout(raced)).toBe(1);
	});

	it('is asked by a linked carer or the community’s staff, never by another community’s staff or a stranger', async () => {
		const c = await city();
		await volunteerAt(c, c.people[0], 'along');
		const input = { ...escortInput, elderUserId: c.elderId, now: fixtureNow };
		expect((await ask(c.db, { ...input, actor: { id: c.carerId, role: 'resident' } })).status).toBe(
			'ok'
		);
		expect((await ask(c.db, { ...input, actor: { id: c.staffId, role: 'staff' } })).status).toBe(
			'ok'
		);
		expect(
			(await ask(c.db, { ...input, actor: { id: c.otherStaffId, role: 'staff' } })).status
		).toBe('not_found');
		expect(
			(await ask(c.db, { ...input, actor: { id: c.people[5], role: 'resident' } })).status
		).toBe('not_found');
		expect(
			(
				await ask(c.db, {
					...input,
					startsAt: fixtureNow + 10 * minuteMs,
					actor: { id: c.elderId, role: 'resident' }
				})
			).status
		).toBe('too_soon');
		const rows = await c.db.select().from(helpRequest);
		expect(rows.map((r) => r.askedAs).sort()).toEqual(['carer', 'staff']);
	});

	it('goes to the station’s staff at once when nobody matches, and after the set time when nobody accepts', async () => {
		const c = await city();
		await volunteerAt(c, c.people[0], 'along');
		const nobody = await ask(c.db, {
			...escortInput,
			item: 'haircut',
			actor: { id: c.elderId, role: 'resident' },
			elderUserId: c.elderId,
			now: fixtureNow
		});
		expect(nobody).toMatchObject({ status: 'ok', request: { status: 'escalated', offered: 0 } });
		const staffTold = await c.db
			.select()
			.from(notification)
			.where(eq(notification.kind, 'help_escalated'));
		expect(staffTold.map((n) => n.userId)).toEqual([c.staffId]);

		const waiting = await ask(c.db, {
			...escortInput,
			actor: { id: c.elderId, role: 'resident' },
			elderUserId: c.elderId,
			now: fixtureNow
		});
		if (waiting.status !== 'ok') throw new Error(waiting.status);
		expect(await escalateDue(c.db, fixtureNow + 29 * minuteMs)).toBe(0);
		expect(await escalateDue(c.db, fixtureNow + 31 * minuteMs)).toBe(1);
		expect(await escalateDue(c.db, fixtureNow + 32 * minuteMs)).toBe(0);
		const [row] = await c.db
			.select()
			.from(helpRequest)
			.where(eq(helpRequest.id, waiting.request.id));
		expect(row.status).toBe('escalated');
		// an offered volunteer may still take it
		expect(
			(await accept(c.db, { requestId: waiting.request.id, userId: c.people[0] })).status
		).toBe('ok');
	});
});

describe('registration', () => {
	it('waits for the station’s staff, and lets the volunteer pause, resume and leave', async () => {
		const c = await city();
		const id = await volunteerAt(c, c.people[0], 'along', { approve: false });
		expect(
			(
				await setStatus(c.db, {
					volunteerId: id,
					action: 'approve',
					by: 'self',
					actorUserId: c.people[0]
				})
			).status
		).toBe('not_allowed');
		const approve = {
			volunteerId: id,
			action: 'approve' as const,
			by: 'staff' as const,
			actorUserId: c.staffId
		};
		expect((await setStatus(c.db, approve)).status).toBe('ok');
		expect((await setStatus(c.db, approve)).status).toBe('not_allowed');
		const self = { volunteerId: id, by: 'self' as const, actorUserId: c.people[0] };
		expect((await setStatus(c.db, { ...self, action: 'pause' })).status).toBe('ok');
		expect((await setStatus(c.db, { ...self, action: 'resume' })).status).toBe('ok');
		// someone else's registration is not theirs to change
		expect(
			(await setStatus(c.db, { ...self, actorUserId: c.people[1], action: 'leave' })).status
		).toBe('not_found');
		expect((await setStatus(c.db, { ...self, action: 'leave' })).status).toBe('ok');
		// after leaving, a new registration starts again at pending
		const again = await register(c.db, {
			userId: c.people[0],
			stationId: c.stationId,
			items: ['errands'],
			freeTimes: [fridayMorning],
			maxWalkingMinutes: 15
		});
		expect(again).toMatchObject({ status: 'ok', volunteer: { status: 'pending' }, updated: false });
	});
});
