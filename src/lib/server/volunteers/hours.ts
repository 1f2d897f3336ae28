import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import {
	community,
	user,
	volunteer,
	volunteerActivity,
	volunteerService,
	volunteerStation
} from '../db/schema';
import type { VolunteerItem } from '../db/schema/volunteers';
import { maskPhone } from '$lib/phone';

// 服务时长: the hours record (volunteer_service, one row per help request confirmed or activity
// attended) read back for the volunteer's own page, the yearly certificate and the staff's monthly
// figures. Months and years are the local dates the services were given on (Asia/Shanghai).

export interface ServiceRow {
	id: number;
	servedOn: string;
	item: VolunteerItem;
	minutes: number;
	kind: 'help' | 'activity';
	/** the activity's title (a help request has none: the elder's name is not kept on the record) */
	activityTitle: string | null;
	stationName: string;
}

/** Every service the person gave (over all their registrations), newest first; one year if given. */
export async function serviceHistory(db: Db, userId: number, year?: number): Promise<ServiceRow[]> {
	const rows = await db
		.select({
			id: volunteerService.id,
			servedOn: volunteerService.servedOn,
			item: volunteerService.item,
			minutes: volunteerService.minutes,
			helpRequestId: volunteerService.helpRequestId,
			activityTitle: volunteerActivity.title,
			stationName: volunteerStation.name
		})
		.from(volunteerService)
		.innerJoin(volunteer, eq(volunteer.id, volunteerService.volunteerId))
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteerService.stationId))
		.leftJoin(volunteerActivity, eq(volunteerActivity.id, volunteerService.activityId))
		.where(
			and(
				eq(volunteer.userId, userId),
				year === undefined ? undefined : gte(volunteerService.servedOn, `${year}-01-01`),
				year === undefined ? undefined : lt(volunteerService.servedOn, `${year + 1}-01-01`)
			)
		)
		.orderBy(desc(volunteerService.servedOn), desc(volunteerService.id));
	return rows.map(({ helpRequestId, ...row }) => ({
		...row,
		kind: helpRequestId === null ? 'activity' : 'help'
	}));
}

export interface YearTotal {
	year: number;
	minutes: number;
	services: number;
}

/** Minutes and services per year, newest year first. */
export function totalsByYear(
	rows: readonly Pick<ServiceRow, 'servedOn' | 'minutes'>[]
): YearTotal[] {
	const byYear = new Map<number, YearTotal>();
	for (const row of rows) {
		const year = Number(row.servedOn.slice(0, 4));
		const total = byYear.get(year) ?? { year, minutes: 0, services: 0 };
		total.minutes += row.minutes;
		total.services += 1;
		byYear.set(year, total);
	}
	return [...byYear.values()].sort((a, b) => b.year - a.year);
}

/** Hours with one decimal, from minutes (what the pages, the certificate and the CSV show). */
export function hoursOf(minutes: number): number {
	return Math.round(minutes / 6) / 10;
}

export interface Certificate {
	name: string;
	year: number;
	minutes: number;
	services: number;
	helpServices: number;
	activityServices: number;
	stations: string[];
	items: { item: VolunteerItem; minutes: number }[];
	firstOn: string;
	lastOn: string;
}

/** What the yearly certificate states, or null when the person gave no service that year. */
export async function certificateOf(
	db: Db,
	userId: number,
	year: number
): Promise<Certificate | null> {
	const rows = await serviceHistory(db, userId, year);
	if (rows.length === 0) return null;
	const [person] = await db
		.select({ name: user.name })
		.from(user)
		.where(eq(user.id, userId))
		.limit(1);
	const items = new Map<VolunteerItem, number>();
	for (const row of rows) items.set(row.item, (items.get(row.item) ?? 0) + row.minutes);
	const dates = rows.map((r) => r.servedOn).sort();
	return {
		name: person?.name ?? '',
		year,
		minutes: rows.reduce((s, r) => s + r.minutes, 0),
		services: rows.length,
		helpServices: rows.filter((r) => r.kind === 'help').length,
		activityServices: rows.filter((r) => r.kind === 'activity').length,
		stations: [...new Set(rows.map((r) => r.stationName))].sort(),
		items: [...items].map(([item, minutes]) => ({ item, minutes })),
		firstOn: dates[0],
		lastOn: dates[dates.length - 1]
	};
}

/** The first day of a YYYY-MM month and of the month after it, as stored dates compare. */
export function monthBounds(month: string): [string, string] {
	const [y, mo] = month.split('-').map(Number);
	const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
	return [`${month}-01`, `${next}-01`];
}

function inMonthOf(communityCodes: string[], month: string) {
	const [from, to] = monthBounds(month);
	return and(
		inArray(volunteerStation.communityCode, communityCodes),
		gte(volunteerService.servedOn, from),
		lt(volunteerService.servedOn, to)
	);
}

const minutesSum = sql<number>`sum(${volunteerService.minutes})`.mapWith(Number);
const servicesCount = sql<number>`count(*)`.mapWith(Number);

export interface VolunteerMonth {
	volunteerId: number;
	name: string;
	phoneMasked: string;
	stationName: string;
	communityName: string;
	minutes: number;
	services: number;
}

/** A month's hours per volunteer, over the stations of some communities (most hours first). */
export async function hoursPerVolunteer(
	db: Db,
	communityCodes: string[],
	month: string
): Promise<VolunteerMonth[]> {
	if (communityCodes.length === 0) return [];
	const rows = await db
		.select({
			volunteerId: volunteerService.volunteerId,
			name: user.name,
			phone: user.phone,
			stationName: volunteerStation.name,
			communityName: community.name,
			minutes: minutesSum,
			services: servicesCount
		})
		.from(volunteerService)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteerService.stationId))
		.innerJoin(community, eq(community.code, volunteerStation.communityCode))
		.innerJoin(volunteer, eq(volunteer.id, volunteerService.volunteerId))
		.innerJoin(user, eq(user.id, volunteer.userId))
		.where(inMonthOf(communityCodes, month))
		.groupBy(
			volunteerService.volunteerId,
			user.name,
			user.phone,
			volunteerStation.id,
			volunteerStation.name,
			community.name
		)
		.orderBy(desc(minutesSum), asc(volunteerService.volunteerId));
	return rows.map(({ phone, ...row }) => ({ ...row, phoneMasked: maskPhone(phone) }));
}

export interface StationMonth {
	stationId: number;
	stationName: string;
	communityName: string;
	volunteers: number;
	minutes: number;
	services: number;
}

/** A month's hours per station of some communities (every station listed, idle ones with 0). */
export async function hoursPerStation(
	db: Db,
	communityCodes: string[],
	month: string
): Promise<StationMonth[]> {
	if (communityCodes.length === 0) return [];
	const stations = await db
		.select({
			stationId: volunteerStation.id,
			stationName: volunteerStation.name,
			communityName: community.name
		})
		.from(volunteerStation)
		.innerJoin(community, eq(community.code, volunteerStation.communityCode))
		.where(inArray(volunteerStation.communityCode, communityCodes))
		.orderBy(asc(volunteerStation.communityCode), asc(volunteerStation.id));
	const sums = await db
		.select({
			stationId: volunteerService.stationId,
			volunteers: sql<number>`count(distinct ${volunteerService.volunteerId})`.mapWith(Number),
			minutes: minutesSum,
			services: servicesCount
		})
		.from(volunteerService)
		.innerJoin(volunteerStation, eq(volunteerStation.id, volunteerService.stationId))
		.where(inMonthOf(communityCodes, month))
		.groupBy(volunteerService.stationId);
	const byStation = new Map(sums.map((s) => [s.stationId, s]));
	return stations.map((s) => ({
		...s,
		volunteers: byStation.get(s.stationId)?.volunteers ?? 0,
		minutes: byStation.get(s.stationId)?.minutes ?? 0,
		services: byStation.get(s.stationId)?.services ?? 0
	}));
}
