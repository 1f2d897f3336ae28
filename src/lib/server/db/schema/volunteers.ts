import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { user } from './people';
import { community, residence, servicePoint } from './places';

// 志愿服务 (issue 19): volunteer stations, the volunteers registered at them, the help requests
// elders (or their carers, or staff) make and the volunteers who accept them, the hours served,
// and the group activities a station posts with their sign-ups.

/**
 * The service items (服务项目) a station offers, a volunteer can do and an elder can ask for. Codes
 * are stable identifiers; their names are messages (`volunteer_item_<code>`).
 */
export const volunteerItems = [
	'meal_delivery', // 助餐送餐
	'medical_escort', // 陪同就医
	'errands', // 代购代办
	'haircut', // 理发
	'reading_chat', // 读报聊天
	'home_visit', // 上门探访
	'tutoring', // 课业辅导
	'phone_help', // 智能手机教学
	'cleaning', // 家政保洁
	'other' // 其他
] as const;
/** the item codes as an SQL list, for the checks */
const itemList = volunteerItems.map((item) => `'${item}'`).join(', ');
export type VolunteerItem = (typeof volunteerItems)[number];

/** A weekly window a volunteer is free: ISO weekday (1 = Monday), minutes after local midnight. */
export interface FreeTime {
	weekday: number;
	startMinute: number;
	endMinute: number;
}

export const volunteerStatuses = ['pending', 'approved', 'paused', 'left'] as const;
export const helpRequestStatuses = [
	'open', // made, not yet offered to anyone (no volunteer matched yet)
	'offered', // offered to the matched volunteers, waiting for the first to accept
	'accepted',
	'done', // the elder (or staff) confirmed it happened: a volunteer_service row exists
	'cancelled',
	'escalated' // nobody accepted in time: the station's staff have it
] as const;
export const helpRequestAskedAs = ['self', 'carer', 'staff'] as const;
export const activitySignupStatuses = ['signed_up', 'cancelled', 'attended', 'no_show'] as const;

export const volunteerStation = sqliteTable(
	'volunteer_station',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
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
		lng: real('lng').notNull(),
		lat: real('lat').notNull(),
		openingText: text('opening_text').notNull().default(''),
		contact: text('contact').notNull().default(''),
		/** the service items offered here (volunteerItems codes) */
		items: text('items', { mode: 'json' }).$type<VolunteerItem[]>().notNull().default([]),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		createdByUserId: integer('created_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
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

export const volunteer = sqliteTable(
	'volunteer',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		stationId: integer('station_id')
			.notNull()
			.references(() => volunteerStation.id),
		/** what they can do (volunteerItems codes) */
		items: text('items', { mode: 'json' }).$type<VolunteerItem[]>().notNull(),
		/** when they are free, week by week */
		freeTimes: text('free_times', { mode: 'json' }).$type<FreeTime[]>().notNull(),
		/** how far they will walk to help, in walking minutes on the street network */
		maxWalkingMinutes: integer('max_walking_minutes').notNull().default(15),
		/** where they set out from: their home residence's point, or the station's */
		lng: real('lng').notNull(),
		lat: real('lat').notNull(),
		status: text('status', { enum: volunteerStatuses }).notNull().default('pending'),
		approvedByUserId: integer('approved_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
		statusChangedAt: integer('status_changed_at', { mode: 'timestamp_ms' }),
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

export const helpRequest = sqliteTable(
	'help_request',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
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
		wantedStartAt: integer('wanted_start_at', { mode: 'timestamp_ms' }).notNull(),
		wantedEndAt: integer('wanted_end_at', { mode: 'timestamp_ms' }).notNull(),
		/** where: the elder's residence (小区), building and flat; shown to the volunteer only after accepting (the flat only on the day) */
		residenceId: integer('residence_id').references(() => residence.id, { onDelete: 'set null' }),
		building: text('building').notNull().default(''),
		flat: text('flat').notNull().default(''),
		lng: real('lng').notNull(),
		lat: real('lat').notNull(),
		status: text('status', { enum: helpRequestStatuses }).notNull().default('open'),
		offeredAt: integer('offered_at', { mode: 'timestamp_ms' }),
		acceptedVolunteerId: integer('accepted_volunteer_id').references(() => volunteer.id, {
			onDelete: 'set null'
		}),
		acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
		confirmedByUserId: integer('confirmed_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
		escalatedAt: integer('escalated_at', { mode: 'timestamp_ms' }),
		cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
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
export const helpOffer = sqliteTable(
	'help_offer',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		helpRequestId: integer('help_request_id')
			.notNull()
			.references(() => helpRequest.id, { onDelete: 'cascade' }),
		volunteerId: integer('volunteer_id')
			.notNull()
			.references(() => volunteer.id, { onDelete: 'cascade' }),
		/** walking minutes from the volunteer to the elder on the street network, when offered */
		walkingMinutes: real('walking_minutes').notNull(),
		/** 1 = the nearest */
		rank: integer('rank').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('help_offer_unique').on(t.helpRequestId, t.volunteerId),
		index('help_offer_volunteer').on(t.volunteerId)
	]
);

export const volunteerActivity = sqliteTable(
	'volunteer_activity',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		stationId: integer('station_id')
			.notNull()
			.references(() => volunteerStation.id),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
		endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
		place: text('place').notNull(),
		lng: real('lng'),
		lat: real('lat'),
		/** places available */
		capacity: integer('capacity').notNull(),
		/** active sign-ups, kept in the same transaction as the sign-up rows (as a slot's booked_count) */
		signedUpCount: integer('signed_up_count').notNull().default(0),
		items: text('items', { mode: 'json' }).$type<VolunteerItem[]>().notNull().default([]),
		createdByUserId: integer('created_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt(),
		cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' })
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

export const volunteerActivitySignup = sqliteTable(
	'volunteer_activity_signup',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		activityId: integer('activity_id')
			.notNull()
			.references(() => volunteerActivity.id, { onDelete: 'cascade' }),
		volunteerId: integer('volunteer_id')
			.notNull()
			.references(() => volunteer.id, { onDelete: 'cascade' }),
		status: text('status', { enum: activitySignupStatuses }).notNull().default('signed_up'),
		createdAt: createdAt(),
		statusChangedAt: integer('status_changed_at', { mode: 'timestamp_ms' })
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
export const volunteerService = sqliteTable(
	'volunteer_service',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
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
