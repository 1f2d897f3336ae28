import { consentNow } from '../accounts/privacy';
import { asc, eq, gt, like } from 'drizzle-orm';
import { insertInChunks, transaction, type Db } from '../db';
import {
	community,
	communityFacts,
	helpOffer,
	helpRequest,
	residence,
	user,
	volunteer,
	volunteerActivity,
	volunteerActivitySignup,
	volunteerService,
	volunteerStation
} from '../db/schema';
import { volunteerItems, type FreeTime, type VolunteerItem } from '../db/schema/volunteers';
import { usualMinutes } from '../volunteers/rules';
import { hashPassword } from '../auth/password';
import { demoPassword } from '../accounts/demo';
import { dayMs, hourMs, localDate, localMidnight, minuteMs } from '$lib/time';
import { Random } from './random';

// 志愿服务 in the demo city (generated, deterministic from the seed): stations at most community
// service centres, a few dozen volunteers with items, free times and walking limits, a month of help
// requests (most answered, some escalated to the staff, a few cancelled) and a few activities.
// 胜利社区 always has a station, and the volunteer account 13900000131 (the demo password) serves
// there with hours this year, so the volunteer pages and the certificate have something to show.

export const demoVolunteerPhone = '13900000131';
/** share of the communities with a service centre that get a station at it */
const stationShare = 0.85;
const spare = new Set(['胜利社区', '五一社区']);
const surnames = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const given = ['晓明', '红梅', '志刚', '丽娟', '海燕', '建华', '春燕', '国庆', '文静', '立新'];
const frees: Record<string, Pick<FreeTime, 'startMinute' | 'endMinute'>> = {
	morning: { startMinute: 8 * 60, endMinute: 12 * 60 },
	afternoon: { startMinute: 12 * 60, endMinute: 18 * 60 },
	evening: { startMinute: 18 * 60, endMinute: 21 * 60 }
};
const activityPlans: { title: string; items: VolunteerItem[]; hours: number }[] = [
	{ title: '老年人智能手机课堂', items: ['phone_help'], hours: 2 },
	{ title: '义剪进社区', items: ['haircut'], hours: 3 },
	{ title: '独居老人集中探访', items: ['home_visit', 'reading_chat'], hours: 2 },
	{ title: '周末课业辅导', items: ['tutoring'], hours: 2 },
	{ title: '楼道清洁日', items: ['cleaning'], hours: 2 }
];

function someItems(random: Random, from: readonly VolunteerItem[], min: number, max: number) {
	return random.shuffled(from).slice(0, Math.min(from.length, random.integer(min, max)));
}

function freeTimesOf(random: Random): FreeTime[] {
	const times: FreeTime[] = [];
	for (let weekday = 1; weekday <= 7; weekday++)
		for (const part of Object.values(frees))
			if (random.chance(0.35)) times.push({ weekday, ...part });
	return times.length > 0 ? times : [{ weekday: 6, ...frees.morning }];
}

export async function seedVolunteers(db: Db, options: { seed: number; now: number }) {
	// hashed before the transaction: nothing but the database is awaited inside one
	const passwordHash = await hashPassword(demoPassword);
	return transaction(db, async (tx) => {
		// the random sequence starts inside: a transaction run again (PostgreSQL) seeds the same rows
		const random = Random.forStage(options.seed, 'volunteers');
		const now = options.now;
		const centres = await tx
			.select({
				code: community.code,
				name: community.name,
				lng: community.centreLng,
				lat: community.centreLat,
				phone: community.phone,
				address: community.address
			})
			.from(community)
			.innerJoin(communityFacts, eq(communityFacts.communityCode, community.code))
			.where(gt(communityFacts.centreAreaM2, 0))
			.orderBy(asc(community.code));
		const others = random.shuffled(centres.filter((c) => !spare.has(c.name)));
		const keep = Math.round(centres.length * stationShare) - (centres.length - others.length);
		// 胜利社区 first: its station is the one the demo accounts use
		const spares = centres
			.filter((c) => spare.has(c.name))
			.sort((a, b) => (a.name === '胜利社区' ? -1 : b.name === '胜利社区' ? 1 : 0));
		const chosen = [...spares, ...others.slice(0, keep)];
		const stations = await tx
			.insert(volunteerStation)
			.values(
				chosen.map((c) => ({
					communityCode: c.code,
					name: `${c.name}志愿服务站`,
					place: `${c.name}党群服务中心（${c.address}）`,
					lng: c.lng,
					lat: c.lat,
					openingText: '周一至周六 8:30–17:30',
					contact: c.phone,
					items: [
						'medical_escort' as const,
						...someItems(
							random,
							volunteerItems.filter((i) => i !== 'medical_escort' && i !== 'other'),
							3,
							6
						)
					],
					createdAt: new Date(now - 90 * dayMs)
				}))
			)
			.returning({
				id: volunteerStation.id,
				communityCode: volunteerStation.communityCode,
				items: volunteerStation.items
			});
		const homes = await tx
			.select({
				id: residence.id,
				code: residence.communityCode,
				lng: residence.lng,
				lat: residence.lat
			})
			.from(residence)
			.orderBy(asc(residence.id));
		const elders = await tx
			.select({ id: user.id, code: user.communityCode })
			.from(user)
			.where(like(user.phone, '139010%'))
			.orderBy(asc(user.id));
		const homesOf = (code: string) => homes.filter((h) => h.code === code);

		// volunteers: 4 at 胜利社区's station, 1–2 at the others, the demo account among 胜利's
		const people: {
			stationIndex: number;
			name: string;
			phone: string;
			account: boolean;
			status: 'approved' | 'pending' | 'paused';
		}[] = [];
		stations.forEach((station, index) => {
			const count = index === 0 ? 4 : random.integer(1, 2);
			for (let i = 0; i < count; i++) {
				const n = people.length;
				people.push({
					stationIndex: index,
					name: random.pick([...surnames]) + random.pick(given),
					phone: `139020${String(n).padStart(5, '0')}`,
					account: false,
					status: n % 17 === 5 ? 'pending' : n % 23 === 7 ? 'paused' : 'approved'
				});
			}
		});
		people.unshift({
			stationIndex: 0,
			name: '赵志愿',
			phone: demoVolunteerPhone,
			account: true,
			status: 'approved'
		});
		const userRows = await tx
			.insert(user)
			.values(
				people.map((p) => {
					const home = random.pick(homesOf(stations[p.stationIndex].communityCode));
					return {
						phone: p.phone,
						name: p.name,
						communityCode: stations[p.stationIndex].communityCode,
						homeResidenceId: home?.id ?? null,
						passwordHash: p.account ? passwordHash : null,
						phoneVerifiedAt: p.account ? new Date(now) : null,
						birthYear: random.integer(1955, 2004),
						generated: !p.account,
						// the demo volunteer who signs in has read the privacy notice (as seed-accounts' residents)
						...(p.account ? consentNow(now) : {})
					};
				})
			)
			.returning({ id: user.id, homeResidenceId: user.homeResidenceId });
		const volunteerRows = await tx
			.insert(volunteer)
			.values(
				people.map((p, i) => {
					const station = stations[p.stationIndex];
					const home = homes.find((h) => h.id === userRows[i].homeResidenceId);
					const centre = chosen[p.stationIndex];
					return {
						userId: userRows[i].id,
						stationId: station.id,
						items: p.account
							? (['medical_escort', 'reading_chat', 'errands'] as VolunteerItem[])
							: someItems(random, station.items, 2, 4),
						freeTimes: p.account
							? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ...frees.morning }))
							: freeTimesOf(random),
						maxWalkingMinutes: random.pick([10, 15, 15, 20, 30]),
						lng: home?.lng ?? centre.lng,
						lat: home?.lat ?? centre.lat,
						status: p.status,
						approvedAt: p.status === 'pending' ? null : new Date(now - 60 * dayMs),
						statusChangedAt: new Date(now - 60 * dayMs),
						createdAt: new Date(now - 70 * dayMs)
					};
				})
			)
			.returning({ id: volunteer.id, stationId: volunteer.stationId, items: volunteer.items });
		const active = volunteerRows.filter((_, i) => people[i].status === 'approved');

		// a month of help requests: most answered and confirmed, some escalated, a few cancelled,
		// and a few still to come (offered or accepted)
		const services: (typeof volunteerService.$inferInsert)[] = [];
		const offers: (typeof helpOffer.$inferInsert)[] = [];
		let requests = 0;
		for (let day = 30; day >= -3; day--) {
			for (let k = 0; k < 4; k++) {
				const station = random.chance(0.15) ? stations[0] : random.pick(stations);
				const home = random.pick(homesOf(station.communityCode));
				const elder = random.pick(elders.filter((e) => e.code === station.communityCode));
				if (!home) continue;
				// most requests are for what the station's volunteers do; some find nobody able
				const members = active.filter((v) => v.stationId === station.id);
				const item: VolunteerItem =
					members.length > 0 && random.chance(0.85)
						? random.pick(random.pick(members).items)
						: random.pick(station.items);
				const startsAt =
					localMidnight(localDate(now - day * dayMs)) + random.integer(8, 16) * hourMs;
				const minutes = usualMinutes[item];
				const helpers = active.filter((v) => v.stationId === station.id && v.items.includes(item));
				// the demo volunteer account answers 胜利社区's first requests it can do
				const helper = helpers.length
					? (helpers.find((v) => v.id === volunteerRows[0].id && random.chance(0.6)) ??
						random.pick(helpers))
					: null;
				const future = startsAt > now;
				const roll = random.next();
				const status = !helper
					? 'escalated'
					: future
						? roll < 0.5
							? 'accepted'
							: 'offered'
						: roll < 0.8
							? 'done'
							: roll < 0.93
								? 'escalated'
								: 'cancelled';
				const created = startsAt - random.integer(1, 3) * dayMs;
				const accepted = status === 'accepted' || status === 'done';
				const [row] = await tx
					.insert(helpRequest)
					.values({
						communityCode: station.communityCode,
						stationId: station.id,
						elderUserId: elder?.id ?? null,
						askedByUserId: elder?.id ?? null,
						askedAs: 'self',
						item,
						wantedStartAt: new Date(startsAt),
						wantedEndAt: new Date(startsAt + minutes * minuteMs),
						residenceId: home.id,
						building: `${random.integer(1, 12)}号楼`,
						flat: `${random.integer(1, 4)}单元${random.integer(1, 6)}0${random.integer(1, 4)}`,
						lng: home.lng,
						lat: home.lat,
						status,
						offeredAt: status === 'escalated' && !helper ? null : new Date(created),
						acceptedVolunteerId: accepted ? helper!.id : null,
						acceptedAt: accepted ? new Date(created + hourMs) : null,
						confirmedByUserId: status === 'done' ? (elder?.id ?? null) : null,
						confirmedAt: status === 'done' ? new Date(startsAt + minutes * minuteMs) : null,
						escalatedAt: status === 'escalated' ? new Date(created + 2 * hourMs) : null,
						cancelledAt: status === 'cancelled' ? new Date(created + hourMs) : null,
						createdAt: new Date(created)
					})
					.returning({ id: helpRequest.id });
				requests++;
				if (helper && status !== 'escalated')
					offers.push({
						helpRequestId: row.id,
						volunteerId: helper.id,
						walkingMinutes: Math.round(random.between(2, 14) * 10) / 10,
						rank: 1,
						createdAt: new Date(created)
					});
				if (status === 'done')
					services.push({
						volunteerId: helper!.id,
						stationId: station.id,
						helpRequestId: row.id,
						item,
						minutes,
						servedOn: localDate(startsAt),
						confirmedByUserId: elder?.id ?? null,
						createdAt: new Date(startsAt + minutes * minuteMs)
					});
			}
		}
		await insertInChunks(tx, helpOffer, offers);

		// activities: one past (attended) and one coming at 胜利社区, and a few elsewhere
		let activities = 0;
		const plans = activityPlans.map((plan, i) => ({
			plan,
			station: i < 2 ? stations[0] : random.pick(stations),
			days: i === 0 ? -6 : i === 1 ? 5 : random.pick([-12, -3, 4, 9])
		}));
		for (const { plan, station, days } of plans) {
			const startsAt = localMidnight(localDate(now + days * dayMs)) + (days < 0 ? 9 : 14) * hourMs;
			const members = active.filter((v) => v.stationId === station.id);
			// the demo volunteer came to the past one and has a coming one still to sign up to
			const past = startsAt < now;
			const taking = members.filter((v) => past || v.id !== volunteerRows[0].id).slice(0, 3);
			const [row] = await tx
				.insert(volunteerActivity)
				.values({
					stationId: station.id,
					title: plan.title,
					description: '欢迎志愿者报名参加。',
					startsAt: new Date(startsAt),
					endsAt: new Date(startsAt + plan.hours * hourMs),
					place: `${chosen[stations.indexOf(station)].name}党群服务中心活动室`,
					lng: chosen[stations.indexOf(station)].lng,
					lat: chosen[stations.indexOf(station)].lat,
					capacity: 8,
					signedUpCount: taking.length,
					items: plan.items,
					createdAt: new Date(startsAt - 10 * dayMs)
				})
				.returning({ id: volunteerActivity.id });
			activities++;
			for (const v of taking) {
				await tx.insert(volunteerActivitySignup).values({
					activityId: row.id,
					volunteerId: v.id,
					status: past ? 'attended' : 'signed_up',
					createdAt: new Date(startsAt - 5 * dayMs),
					statusChangedAt: new Date(past ? startsAt : startsAt - 5 * dayMs)
				});
				if (past)
					services.push({
						volunteerId: v.id,
						stationId: station.id,
						activityId: row.id,
						item: plan.items[0],
						minutes: plan.hours * 60,
						servedOn: localDate(startsAt),
						createdAt: new Date(startsAt + plan.hours * hourMs)
					});
			}
		}
		await insertInChunks(tx, volunteerService, services);
		return {
			stations: stations.length,
			volunteers: volunteerRows.length,
			helpRequests: requests,
			activities,
			services: services.length
		};
	});
}
