import { and, desc, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { maskPhone } from '$lib/phone';
import { eldersOf } from '../accounts/family';
import type { Db } from '../db';
import {
	community,
	helpOffer,
	helpRequest,
	residence,
	user,
	volunteer,
	volunteerService
} from '../db/schema';
import type { VolunteerItem } from '../db/schema/volunteers';
import { isTheDay } from './rules';

export type HelpStatus = 'open' | 'offered' | 'accepted' | 'done' | 'cancelled' | 'escalated';

/** Someone on the other side: name, masked phone to show, the number for the call button. */
export interface Contact {
	name: string;
	maskedPhone: string;
	phone: string;
}

export interface AskerRequest {
	id: number;
	item: VolunteerItem;
	startsAt: number;
	endsAt: number;
	status: HelpStatus;
	note: string;
	forName: string;
	forSelf: boolean;
	/** the volunteer, once one accepted */
	volunteer: Contact | null;
	canConfirm: boolean;
	canCancel: boolean;
}

const helper = alias(user, 'helper');
const elder = alias(user, 'elder');

/** The requests a person made or that are for them or an elder they care for, newest first. */
export async function requestsFor(db: Db, userId: number, now: number): Promise<AskerRequest[]> {
	const elders = (await eldersOf(db, userId)).map((e) => e.id);
	const rows = await db
		.select({
			id: helpRequest.id,
			item: helpRequest.item,
			startsAt: helpRequest.wantedStartAt,
			endsAt: helpRequest.wantedEndAt,
			status: helpRequest.status,
			note: helpRequest.note,
			elderUserId: helpRequest.elderUserId,
			forName: elder.name,
			helperName: helper.name,
			helperPhone: helper.phone
		})
		.from(helpRequest)
		.leftJoin(elder, eq(elder.id, helpRequest.elderUserId))
		.leftJoin(volunteer, eq(volunteer.id, helpRequest.acceptedVolunteerId))
		.leftJoin(helper, eq(helper.id, volunteer.userId))
		.where(
			or(
				eq(helpRequest.elderUserId, userId),
				eq(helpRequest.askedByUserId, userId),
				elders.length > 0 ? inArray(helpRequest.elderUserId, elders) : undefined
			)
		)
		.orderBy(desc(helpRequest.wantedStartAt), desc(helpRequest.id))
		.limit(50);
	return rows.map((r) => {
		const accepted = r.status === 'accepted' || r.status === 'done';
		return {
			id: r.id,
			item: r.item,
			startsAt: r.startsAt.getTime(),
			endsAt: r.endsAt.getTime(),
			status: r.status,
			note: r.note,
			forName: r.forName ?? '',
			forSelf: r.elderUserId === userId,
			volunteer:
				accepted && r.helperName && r.helperPhone
					? { name: r.helperName, maskedPhone: maskPhone(r.helperPhone), phone: r.helperPhone }
					: null,
			canConfirm: r.status === 'accepted' && now >= r.startsAt.getTime(),
			canCancel: ['open', 'offered', 'accepted', 'escalated'].includes(r.status)
		};
	});
}

export interface Offer {
	id: number;
	item: VolunteerItem;
	startsAt: number;
	endsAt: number;
	communityName: string;
	walkingMinutes: number;
	rank: number;
}

export interface Accepted {
	id: number;
	item: VolunteerItem;
	startsAt: number;
	endsAt: number;
	status: HelpStatus;
	note: string;
	elder: Contact | null;
	walkingMinutes: number;
	/** the residence and building; the flat only from the day of the help on */
	address: { residence: string; building: string; flat: string | null };
}

export interface Service {
	id: number;
	item: VolunteerItem | null;
	servedOn: string;
	minutes: number;
	helpRequestId: number | null;
	activityId: number | null;
}

/**
 * A volunteer's board: the requests offered to them that nobody has accepted yet (no name, no address:
 * the community and the walk), the ones they accepted (name, phone, building; the flat on the day).
 */
export async function boardOf(db: Db, volunteerId: number, now: number) {
	const offerRows = await db
		.select({
			id: helpRequest.id,
			item: helpRequest.item,
			startsAt: helpRequest.wantedStartAt,
			endsAt: helpRequest.wantedEndAt,
			communityName: community.name,
			walkingMinutes: helpOffer.walkingMinutes,
			rank: helpOffer.rank
		})
		.from(helpOffer)
		.innerJoin(helpRequest, eq(helpRequest.id, helpOffer.helpRequestId))
		.innerJoin(community, eq(community.code, helpRequest.communityCode))
		.where(
			and(
				eq(helpOffer.volunteerId, volunteerId),
				inArray(helpRequest.status, ['offered', 'escalated']),
				gt(helpRequest.wantedStartAt, new Date(now))
			)
		)
		.orderBy(helpRequest.wantedStartAt, helpRequest.id)
		.limit(50);
	const acceptedRows = await db
		.select({
			id: helpRequest.id,
			item: helpRequest.item,
			startsAt: helpRequest.wantedStartAt,
			endsAt: helpRequest.wantedEndAt,
			status: helpRequest.status,
			note: helpRequest.note,
			elderName: elder.name,
			elderPhone: elder.phone,
			residenceName: residence.name,
			building: helpRequest.building,
			flat: helpRequest.flat,
			walkingMinutes: helpOffer.walkingMinutes
		})
		.from(helpRequest)
		.innerJoin(
			helpOffer,
			and(eq(helpOffer.helpRequestId, helpRequest.id), eq(helpOffer.volunteerId, volunteerId))
		)
		.leftJoin(elder, eq(elder.id, helpRequest.elderUserId))
		.leftJoin(residence, eq(residence.id, helpRequest.residenceId))
		.where(
			and(eq(helpRequest.acceptedVolunteerId, volunteerId), eq(helpRequest.status, 'accepted'))
		)
		.orderBy(helpRequest.wantedStartAt, helpRequest.id)
		.limit(50);
	const offers: Offer[] = offerRows.map((r) => ({
		...r,
		startsAt: r.startsAt.getTime(),
		endsAt: r.endsAt.getTime()
	}));
	const accepted: Accepted[] = acceptedRows.map((r) => ({
		id: r.id,
		item: r.item,
		startsAt: r.startsAt.getTime(),
		endsAt: r.endsAt.getTime(),
		status: r.status,
		note: r.note,
		walkingMinutes: r.walkingMinutes,
		elder:
			r.elderName && r.elderPhone
				? { name: r.elderName, maskedPhone: maskPhone(r.elderPhone), phone: r.elderPhone }
				: null,
		address: {
			residence: r.residenceName ?? '',
			building: r.building,
			flat: isTheDay(r.startsAt.getTime(), now) ? r.flat : null
		}
	}));
	return { offers, accepted };
}

/** A volunteer's services and hours, newest first, with the total minutes. */
export async function servicesOf(db: Db, volunteerIds: number[]) {
	if (volunteerIds.length === 0) return { services: [] as Service[], totalMinutes: 0 };
	const services: Service[] = await db
		.select({
			id: volunteerService.id,
			item: volunteerService.item,
			servedOn: volunteerService.servedOn,
			minutes: volunteerService.minutes,
			helpRequestId: volunteerService.helpRequestId,
			activityId: volunteerService.activityId
		})
		.from(volunteerService)
		.where(inArray(volunteerService.volunteerId, volunteerIds))
		.orderBy(desc(volunteerService.servedOn), desc(volunteerService.id))
		.limit(500);
	const [total] = await db
		.select({ minutes: sql<number>`coalesce(sum(${volunteerService.minutes}), 0)`.mapWith(Number) })
		.from(volunteerService)
		.where(inArray(volunteerService.volunteerId, volunteerIds));
	return { services, totalMinutes: total?.minutes ?? 0 };
}

/** Every registration a person has had (hours stay theirs after leaving and registering again). */
export async function registrationsOf(db: Db, userId: number): Promise<number[]> {
	const rows = await db
		.select({ id: volunteer.id })
		.from(volunteer)
		.where(eq(volunteer.userId, userId));
	return rows.map((r) => r.id);
}

export interface StaffRequest {
	id: number;
	item: VolunteerItem;
	startsAt: number;
	status: HelpStatus;
	communityCode: string;
	elder: { name: string; maskedPhone: string } | null;
	volunteerName: string | null;
	offered: number;
}

/** The requests of these communities still to happen or to confirm, escalated ones first. */
export async function requestsOfCommunities(
	db: Db,
	communityCodes: string[]
): Promise<StaffRequest[]> {
	if (communityCodes.length === 0) return [];
	const offered = db
		.select({ requestId: helpOffer.helpRequestId, n: sql<number>`count(*)`.as('n') })
		.from(helpOffer)
		.groupBy(helpOffer.helpRequestId)
		.as('offered');
	const rows = await db
		.select({
			id: helpRequest.id,
			item: helpRequest.item,
			startsAt: helpRequest.wantedStartAt,
			status: helpRequest.status,
			communityCode: helpRequest.communityCode,
			elderName: elder.name,
			elderPhone: elder.phone,
			volunteerName: helper.name,
			offered: sql<number>`coalesce(${offered.n}, 0)`.mapWith(Number)
		})
		.from(helpRequest)
		.leftJoin(elder, eq(elder.id, helpRequest.elderUserId))
		.leftJoin(volunteer, eq(volunteer.id, helpRequest.acceptedVolunteerId))
		.leftJoin(helper, eq(helper.id, volunteer.userId))
		.leftJoin(offered, eq(offered.requestId, helpRequest.id))
		.where(
			and(
				inArray(helpRequest.communityCode, communityCodes),
				ne(helpRequest.status, 'done'),
				ne(helpRequest.status, 'cancelled'),
				or(isNull(elder.deletedAt), isNull(elder.id))
			)
		)
		.orderBy(
			sql`case when ${helpRequest.status} = 'escalated' then 0 else 1 end`,
			helpRequest.wantedStartAt
		)
		.limit(100);
	return rows.map((r) => ({
		id: r.id,
		item: r.item,
		startsAt: r.startsAt.getTime(),
		status: r.status,
		communityCode: r.communityCode,
		elder:
			r.elderName && r.elderPhone
				? { name: r.elderName, maskedPhone: maskPhone(r.elderPhone) }
				: null,
		volunteerName: r.volunteerName,
		offered: r.offered
	}));
}
