import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { createdAt, epochMs, id } from './columns';
import { user } from './people';
import { community, residence, servicePoint } from './places';
import {
	activitySignupStatuses,
	helpRequestAskedAs,
	helpRequestStatuses,
	volunteerItems,
	volunteerStatuses,
	type FreeTime,
	type VolunteerItem
} from '../volunteers';

/** the item codes as an SQL list, for the checks */
const itemList = volunteerItems.map((item) => `'${item}'`).join(', ');

// (PostgreSQL twin of ../volunteers.ts) 志愿服务 (issue 19): volunteer stations, the volunteers registered at them, the help requests
// elders (or their carers, or staff) make and the volunteers who accept them, the hours served,
// and the group activities a station posts with their sign-ups.

export const volunteerStation = pgTable(
	'volunteer_station',
	{
		id: id(),
		communityCode: text('community_code')
			.notNull()
			.references(() => community.code),
		name: text('name').notNull(),
		/** the service point that hosts it (a community service centre), if any */
		servicePointId: integer('service_point_id').references(() => servicePoint.id, {
			onDelete: 'set null'
		}),
		/** where it is, in words (the host point's address, or another place) */
		place: text('place').notNull(),
		lng: doublePrecision('lng').notNull(),
		lat: doublePrecision('lat').notNull(),
		openingText: text('opening_text').notNull().default(''),
		contact: text('contact').notNull().default(''),
		/** the service items offered here (volunteerItems codes) */
		items: jsonb('items').$type<VolunteerItem[]>().notNull().default([]),
		active: boolean('active').notNull().default(true),
		createdByUserId: integer('created_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt(),
		updatedAt: epochMs('updated_at')
	},
	(t) => [
		check('volunteer_station_name', sql`length(${t.name}) between 1 and 100`),
		check(
			'volunteer_station_lnglat',
			sql`${t.lng} between -180 and 180 and ${t.lat} between -90 and 90`
		),
		index('volunteer_station_community').on(t.communityCode),
		index('volunteer_station_point').on(t.servicePointId)
	]
);

export const volunteer = pgTable(
	'volunteer',
	{
		id: id(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		stationId: integer('station_id')
			.notNull()
			.references(() => volunteerStation.id),
		/** what they can do (volunteerItems codes) */
		items: jsonb('items').$type<VolunteerItem[]>().notNull(),
		/** when they are free, week by week */
		freeTimes: jsonb('free_times').$type<FreeTime[]>().notNull(),
		/** how far they will walk to help, in walking minutes on the street network */
		maxWalkingMinutes: integer('max_walking_minutes').notNull().default(15),
		/** where they set out from: their home residence's point, or the station's */
		lng: doublePrecision('lng').notNull(),
		lat: doublePrecision('lat').notNull(),
		status: text('status', { enum: volunteerStatuses }).notNull().default('pending'),
		approvedByUserId: integer('approved_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		approvedAt: epochMs('approved_at'),
		statusChangedAt: epochMs('status_changed_at'),
		createdAt: createdAt()
	},
	(t) => [
		check('volunteer_status', sql`${t.status} in ('pending', 'approved', 'paused', 'left')`),
		check('volunteer_walking', sql`${t.maxWalkingMinutes} between 1 and 60`),
		check('volunteer_lnglat', sql`${t.lng} between -180 and 180 and ${t.lat} between -90 and 90`),
		/** one registration per person until they leave */
		uniqueIndex('volunteer_user_active')
			.on(t.userId)
			.where(sql`${t.status} <> 'left'`),
		index('volunteer_by_station').on(t.stationId, t.status)
	]
);

export const helpRequest = pgTable(
	'help_request',
	{
		id: id(),
		communityCode: text('community_code')
			.notNull()
			.references(() => community.code),
		/** the station whose staff answer for it (and get it when nobody accepts) */
		stationId: integer('station_id').references(() => volunteerStation.id, {
			onDelete: 'set null'
		}),
		/** the elder the help is for (null once their account is gone) */
		elderUserId: integer('elder_user_id').references(() => user.id, { onDelete: 'set null' }),
		/** who asked: the elder, a linked carer, or staff on their behalf */
		askedByUserId: integer('asked_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		askedAs: text('asked_as', { enum: helpRequestAskedAs }).notNull(),
		item: text('item', { enum: volunteerItems }).notNull(),
		/** a few words from the asker, shown as text */
		note: text('note').notNull().default(''),
		wantedStartAt: epochMs('wanted_start_at').notNull(),
		wantedEndAt: epochMs('wanted_end_at').notNull(),
		/** where: the elder's residence (小区), building and flat; shown to the volunteer only after accepting (the flat only on the day) */
		residenceId: integer('residence_id').references(() => residence.id, { onDelete: 'set null' }),
		building: text('building').notNull().default(''),
		flat: text('flat').notNull().default(''),
		lng: doublePrecision('lng').notNull(),
		lat: doublePrecision('lat').notNull(),
		status: text('status', { enum: helpRequestStatuses }).notNull().default('open'),
		offeredAt: epochMs('offered_at'),
		acceptedVolunteerId: integer('accepted_volunteer_id').references(() => volunteer.id, {
			onDelete: 'set null'
		}),
		acceptedAt: epochMs('accepted_at'),
		confirmedByUserId: integer('confirmed_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		confirmedAt: epochMs('confirmed_at'),
		escalatedAt: epochMs('escalated_at'),
		cancelledAt: epochMs('cancelled_at'),
		createdAt: createdAt()
	},
	(t) => [
		check(
			'help_request_status',
			sql`${t.status} in ('open', 'offered', 'accepted', 'done', 'cancelled', 'escalated')`
		),
		check('help_request_item', sql`${t.item} in (${sql.raw(itemList)})`),
		check('help_request_asked_as', sql`${t.askedAs} in ('self', 'carer', 'staff')`),
		check('help_request_time', sql`${t.wantedEndAt} > ${t.wantedStartAt}`),
		check('help_request_note', sql`length(${t.note}) <= 500`),
		check(
			'help_request_accepted',
			sql`${t.status} not in ('accepted', 'done') or ${t.acceptedAt} is not null`
		),
		check(
			'help_request_lnglat',
			sql`${t.lng} between -180 and 180 and ${t.lat} between -90 and 90`
		),
		index('help_request_community').on(t.communityCode, t.status),
		index('help_request_elder').on(t.elderUserId, t.createdAt),
		index('help_request_volunteer').on(t.acceptedVolunteerId),
		index('help_request_by_status').on(t.status, t.createdAt)
	]
);

/** Whom a request was offered to (the matched volunteers, nearest first): only they may accept it. */
export const helpOffer = pgTable(
	'help_offer',
	{
		id: id(),
		helpRequestId: integer('help_request_id')
			.notNull()
			.references(() => helpRequest.id, { onDelete: 'cascade' }),
		volunteerId: integer('volunteer_id')
			.notNull()
			.references(() => volunteer.id, { onDelete: 'cascade' }),
		/** walking minutes from the volunteer to the elder on the street network, when offered */
		walkingMinutes: doublePrecision('walking_minutes').notNull(),
		/** 1 = the nearest */
		rank: integer('rank').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('help_offer_unique').on(t.helpRequestId, t.volunteerId),
		index('help_offer_volunteer').on(t.volunteerId)
	]
);

export const volunteerActivity = pgTable(
	'volunteer_activity',
	{
		id: id(),
		stationId: integer('station_id')
			.notNull()
			.references(() => volunteerStation.id),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		startsAt: epochMs('starts_at').notNull(),
		endsAt: epochMs('ends_at').notNull(),
		place: text('place').notNull(),
		lng: doublePrecision('lng'),
		lat: doublePrecision('lat'),
		/** places available */
		capacity: integer('capacity').notNull(),
		/** active sign-ups, kept in the same transaction as the sign-up rows (as a slot's booked_count) */
		signedUpCount: integer('signed_up_count').notNull().default(0),
		items: jsonb('items').$type<VolunteerItem[]>().notNull().default([]),
		createdByUserId: integer('created_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt(),
		cancelledAt: epochMs('cancelled_at')
	},
	(t) => [
		check('volunteer_activity_title', sql`length(${t.title}) between 1 and 100`),
		check('volunteer_activity_time', sql`${t.endsAt} > ${t.startsAt}`),
		check(
			'volunteer_activity_capacity',
			sql`${t.capacity} between 1 and 1000 and ${t.signedUpCount} between 0 and ${t.capacity}`
		),
		index('volunteer_activity_station').on(t.stationId, t.startsAt),
		index('volunteer_activity_start').on(t.startsAt)
	]
);

export const volunteerActivitySignup = pgTable(
	'volunteer_activity_signup',
	{
		id: id(),
		activityId: integer('activity_id')
			.notNull()
			.references(() => volunteerActivity.id, { onDelete: 'cascade' }),
		volunteerId: integer('volunteer_id')
			.notNull()
			.references(() => volunteer.id, { onDelete: 'cascade' }),
		status: text('status', { enum: activitySignupStatuses }).notNull().default('signed_up'),
		createdAt: createdAt(),
		statusChangedAt: epochMs('status_changed_at')
	},
	(t) => [
		check(
			'volunteer_activity_signup_status',
			sql`${t.status} in ('signed_up', 'cancelled', 'attended', 'no_show')`
		),
		/** one active sign-up per volunteer and activity */
		uniqueIndex('volunteer_activity_signup_active')
			.on(t.activityId, t.volunteerId)
			.where(sql`${t.status} <> 'cancelled'`),
		index('volunteer_activity_signup_volunteer').on(t.volunteerId)
	]
);

/** The hours record: one row per service a volunteer gave (a help request or an activity). */
export const volunteerService = pgTable(
	'volunteer_service',
	{
		id: id(),
		volunteerId: integer('volunteer_id')
			.notNull()
			.references(() => volunteer.id),
		/** the volunteer's station at the time (hours per station per month) */
		stationId: integer('station_id')
			.notNull()
			.references(() => volunteerStation.id),
		helpRequestId: integer('help_request_id').references(() => helpRequest.id),
		activityId: integer('activity_id').references(() => volunteerActivity.id),
		item: text('item', { enum: volunteerItems }).notNull(),
		minutes: integer('minutes').notNull(),
		/** local date (Asia/Shanghai), YYYY-MM-DD */
		servedOn: text('served_on').notNull(),
		confirmedByUserId: integer('confirmed_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt()
	},
	(t) => [
		check(
			'volunteer_service_source',
			sql`(${t.helpRequestId} is null) <> (${t.activityId} is null)`
		),
		check('volunteer_service_minutes', sql`${t.minutes} between 1 and 1440`),
		/** hours are written once per request, once per volunteer and activity */
		uniqueIndex('volunteer_service_request')
			.on(t.helpRequestId)
			.where(sql`${t.helpRequestId} is not null`),
		uniqueIndex('volunteer_service_activity')
			.on(t.activityId, t.volunteerId)
			.where(sql`${t.activityId} is not null`),
		index('volunteer_service_volunteer').on(t.volunteerId, t.servedOn),
		index('volunteer_service_station').on(t.stationId, t.servedOn)
	]
);
