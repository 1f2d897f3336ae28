import { beforeEach, describe, expect, it } from 'vitest';
import { transaction } from '../db';
import {
	communityFacts,
	helpRequest,
	residence,
	user,
	volunteer,
	volunteerStation
} from '../db/schema';
import { createFixture, fixtureNow, type Fixture } from '../testing/booking';
import { hourMs, dayMs } from '$lib/time';
import { centreFacts, evaluateVolunteerStations, volunteerStationRow } from './volunteer-target';
import { outcomeOf, per1000, volunteerCoverage } from './volunteer-coverage';

const centres = (withStation: number, withoutStation: number, noCentre = 0) => [
	...Array.from({ length: withStation }, (_, i) => ({
		code: `a${i}`,
		hasCentre: true,
		stationAtCentre: true
	})),
	...Array.from({ length: withoutStation }, (_, i) => ({
		code: `b${i}`,
		hasCentre: true,
		stationAtCentre: false
	})),
	...Array.from({ length: noCentre }, (_, i) => ({
		code: `c${i}`,
		hasCentre: false,
		stationAtCentre: false
	}))
];

describe('志愿服务站点覆盖社区综合服务设施 ≥ 80 %', () => {
	it('is met at exactly 80 % and not just below it', () => {
		expect(evaluateVolunteerStations(centres(4, 1))).toMatchObject({
			count: 4,
			total: 5,
			value: 0.8,
			met: true,
			unit: 'centres'
		});
		expect(evaluateVolunteerStations(centres(79, 21)).met).toBe(false);
		expect(evaluateVolunteerStations(centres(80, 20)).met).toBe(true);
	});

	it('counts only communities with a service centre; none at all is not met', () => {
		expect(evaluateVolunteerStations(centres(4, 1, 10))).toMatchObject({ total: 5, met: true });
		expect(evaluateVolunteerStations(centres(0, 0, 3))).toMatchObject({ total: 0, met: false });
	});
});

describe('from the database', () => {
	let f: Fixture;
	const a = '620201001001';
	const b = '620201001002';
	beforeEach(async () => {
		f = await createFixture(1);
	});

	const facts = (code: string, centreAreaM2: number) => ({
		communityCode: code,
		centreAreaM2,
		activityAreaM2: 0,
		totalBuildingAreaM2: 1000,
		commercialServiceAreaM2: 0,
		selfService: false,
		committeeMembers: 5,
		fullTimeWorkers: 1,
		gridWorkers: 1,
		publicWelfareWorkers: 0,
		confirmedAt: new Date(fixtureNow)
	});
	const station = (code: string, lng: number, active = true) => ({
		communityCode: code,
		name: `${code} 站`,
		place: '党群服务中心',
		lng,
		lat: 39.8,
		active
	});

	it('a station at the centre counts; one across town, an inactive one or a centre-less community do not', async () => {
		// both communities' centres are at (98.29, 39.8)
		await transaction(f.db, async (tx) => {
			await tx.insert(communityFacts).values([facts(a, 400), facts(b, 300)]);
			await tx.insert(volunteerStation).values([
				station(a, 98.2901),
				// ~850 m east: not at the centre
				station(b, 98.3),
				station(b, 98.29, false)
			]);
		});
		expect(await centreFacts(f.db, [a, b])).toEqual([
			{ code: a, hasCentre: true, stationAtCentre: true },
			{ code: b, hasCentre: true, stationAtCentre: false }
		]);
		expect(await volunteerStationRow(f.db, [a, b])).toMatchObject({
			count: 1,
			total: 2,
			met: false
		});
		// the planning target moves when b's station opens at its centre
		await transaction(f.db, async (tx) => {
			await tx.insert(volunteerStation).values(station(b, 98.29));
		});
		expect(await volunteerStationRow(f.db, [a, b])).toMatchObject({
			count: 2,
			total: 2,
			met: true
		});
		// b without a centre in its facts leaves the count
		await transaction(f.db, async (tx) => {
			await tx.delete(communityFacts);
			await tx.insert(communityFacts).values([facts(a, 400), facts(b, 0)]);
		});
		expect(await volunteerStationRow(f.db, [a, b])).toMatchObject({ count: 1, total: 1 });
	});

	it('volunteers per 1,000 elders and requests answered / unanswered per community', async () => {
		const now = fixtureNow;
		await transaction(f.db, async (tx) => {
			await tx.insert(residence).values([
				{
					name: '甲小区',
					communityCode: a,
					lng: 98.29,
					lat: 39.8,
					households: 300,
					residents: 800,
					elderly60plus: 250,
					children0to3: 5
				},
				{
					name: '乙小区',
					communityCode: b,
					lng: 98.29,
					lat: 39.8,
					households: 10,
					residents: 20,
					elderly60plus: 0,
					children0to3: 0
				}
			]);
			const [s] = await tx
				.insert(volunteerStation)
				.values(station(a, 98.29))
				.returning({ id: volunteerStation.id });
			const statuses = ['approved', 'approved', 'pending', 'paused', 'left'] as const;
			for (const [i, status] of statuses.entries()) {
				const [u] = await tx
					.insert(user)
					.values({ name: `v${i}`, phone: `1590000000${i}` })
					.returning({ id: user.id });
				await tx.insert(volunteer).values({
					userId: u.id,
					stationId: s.id,
					items: ['errands'],
					freeTimes: [],
					lng: 98.29,
					lat: 39.8,
					status
				});
			}
			const request = (
				status: (typeof helpRequest.$inferInsert)['status'],
				wantedIn: number,
				createdAgo = dayMs
			) => ({
				communityCode: a,
				askedAs: 'self' as const,
				item: 'errands' as const,
				wantedStartAt: new Date(now + wantedIn),
				wantedEndAt: new Date(now + wantedIn + hourMs),
				lng: 98.29,
				lat: 39.8,
				status,
				acceptedAt: status === 'accepted' || status === 'done' ? new Date(now) : null,
				createdAt: new Date(now - createdAgo)
			});
			await tx.insert(helpRequest).values([
				request('done', -dayMs),
				request('accepted', hourMs),
				request('escalated', hourMs),
				request('offered', -hourMs),
				request('offered', 2 * hourMs),
				request('cancelled', hourMs),
				// older than the window
				request('escalated', -40 * dayMs, 40 * dayMs)
			]);
		});
		const rows = await volunteerCoverage(f.db, [a, b], now);
		expect(rows).toEqual([
			{
				code: a,
				elders: 250,
				volunteers: 2,
				per1000Elders: 8,
				answered: 2,
				unanswered: 2,
				pending: 1
			},
			{
				code: b,
				elders: 0,
				volunteers: 0,
				per1000Elders: null,
				answered: 0,
				unanswered: 0,
				pending: 0
			}
		]);
		expect(per1000(3, 7)).toBe(428.6);
		expect(outcomeOf('cancelled', 0, 1)).toBe('none');
	});
});
