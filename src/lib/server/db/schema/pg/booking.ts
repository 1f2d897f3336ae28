import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { createdAt, epochMs, id } from './columns';
import { user } from './people';
import { servicePoint } from './places';

// (PostgreSQL twin of ../booking.ts) Booking: opening rules, closures, slots, bookings, waitlists and ratings.

export const openingRule = pgTable(
	'opening_rule',
	{
		id: id(),
		servicePointId: integer('service_point_id')
			.notNull()
			.references(() => servicePoint.id, { onDelete: 'cascade' }),
		/** ISO weekday: 1 = Monday … 7 = Sunday */
		weekday: integer('weekday').notNull(),
		/** minutes after local (Asia/Shanghai) midnight */
		startMinute: integer('start_minute').notNull(),
		endMinute: integer('end_minute').notNull(),
		slotMinutes: integer('slot_minutes').notNull(),
		capacity: integer('capacity').notNull(),
		/** places per slot kept for phone and desk bookings, for elders without smartphones */
		reservedForAssisted: integer('reserved_for_assisted').notNull().default(0)
	},
	(t) => [
		check('opening_rule_weekday', sql`${t.weekday} between 1 and 7`),
		check(
			'opening_rule_time',
			sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.endMinute} > ${t.startMinute}`
		),
		check('opening_rule_slot', sql`${t.slotMinutes} between 5 and 1440`),
		check(
			'opening_rule_capacity',
			sql`${t.capacity} between 1 and 1000 and ${t.reservedForAssisted} between 0 and ${t.capacity}`
		),
		index('opening_rule_point').on(t.servicePointId)
	]
);

export const closure = pgTable(
	'closure',
	{
		id: id(),
		servicePointId: integer('service_point_id')
			.notNull()
			.references(() => servicePoint.id, { onDelete: 'cascade' }),
		/** local dates, YYYY-MM-DD, inclusive */
		startsOn: text('starts_on').notNull(),
		endsOn: text('ends_on').notNull(),
		reason: text('reason').notNull(),
		createdByUserId: integer('created_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt()
	},
	(t) => [
		check('closure_dates', sql`${t.endsOn} >= ${t.startsOn}`),
		index('closure_point').on(t.servicePointId, t.startsOn)
	]
);

export const slot = pgTable(
	'slot',
	{
		id: id(),
		servicePointId: integer('service_point_id')
			.notNull()
			.references(() => servicePoint.id, { onDelete: 'cascade' }),
		startsAt: epochMs('starts_at').notNull(),
		endsAt: epochMs('ends_at').notNull(),
		/** capacity from the opening rule when the slot was materialised */
		capacity: integer('capacity').notNull(),
		/** staff override of this one slot's capacity */
		capacityOverride: integer('capacity_override'),
		reservedForAssisted: integer('reserved_for_assisted').notNull().default(0),
		/** confirmed bookings, kept in the same transaction as the booking rows */
		bookedCount: integer('booked_count').notNull().default(0),
		cancelledAt: epochMs('cancelled_at'),
		cancelReason: text('cancel_reason')
	},
	(t) => [
		uniqueIndex('slot_point_start').on(t.servicePointId, t.startsAt),
		index('slot_start').on(t.startsAt),
		check('slot_time', sql`${t.endsAt} > ${t.startsAt}`),
		check('slot_capacity', sql`${t.capacity} >= 1 and coalesce(${t.capacityOverride}, 0) >= 0`),
		check('slot_booked', sql`${t.bookedCount} >= 0`)
	]
);

export const booking = pgTable(
	'booking',
	{
		id: id(),
		slotId: integer('slot_id')
			.notNull()
			.references(() => slot.id),
		/** the person the appointment is for; null for guests without an account or anonymised */
		userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
		guestName: text('guest_name'),
		guestPhone: text('guest_phone'),
		/** who made the booking: the resident, a linked carer, or staff */
		bookedByUserId: integer('booked_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		channel: text('channel', { enum: ['online', 'proxy', 'phone', 'desk'] }).notNull(),
		status: text('status', { enum: ['booked', 'cancelled', 'attended', 'no_show'] })
			.notNull()
			.default('booked'),
		/** short code read out or scanned at check-in */
		code: text('code').notNull(),
		createdAt: createdAt(),
		statusChangedAt: epochMs('status_changed_at'),
		cancelledByUserId: integer('cancelled_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		cancelReason: text('cancel_reason'),
		anonymised: boolean('anonymised').notNull().default(false)
	},
	(t) => [
		uniqueIndex('booking_code').on(t.code),
		uniqueIndex('booking_one_per_person')
			.on(t.slotId, t.userId)
			.where(sql`${t.status} <> 'cancelled' and ${t.userId} is not null`),
		index('booking_slot').on(t.slotId, t.status),
		index('booking_user').on(t.userId, t.status),
		check('booking_channel', sql`${t.channel} in ('online', 'proxy', 'phone', 'desk')`),
		check('booking_status', sql`${t.status} in ('booked', 'cancelled', 'attended', 'no_show')`),
		check(
			'booking_person',
			sql`${t.userId} is not null or ${t.guestName} is not null or ${t.anonymised}`
		),
		check('booking_cancel', sql`${t.status} <> 'cancelled' or ${t.statusChangedAt} is not null`)
	]
);

export const waitlistEntry = pgTable(
	'waitlist_entry',
	{
		id: id(),
		slotId: integer('slot_id')
			.notNull()
			.references(() => slot.id),
		userId: integer('user_id').references(() => user.id, { onDelete: 'cascade' }),
		bookedByUserId: integer('booked_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		channel: text('channel', { enum: ['online', 'proxy', 'phone', 'desk'] }).notNull(),
		status: text('status', { enum: ['waiting', 'promoted', 'left', 'cleared'] })
			.notNull()
			.default('waiting'),
		createdAt: createdAt(),
		promotedBookingId: integer('promoted_booking_id').references(() => booking.id)
	},
	(t) => [
		uniqueIndex('waitlist_one_per_person')
			.on(t.slotId, t.userId)
			.where(sql`${t.status} = 'waiting'`),
		index('waitlist_slot').on(t.slotId, t.status, t.id),
		check('waitlist_status', sql`${t.status} in ('waiting', 'promoted', 'left', 'cleared')`)
	]
);

export const rating = pgTable(
	'rating',
	{
		id: id(),
		bookingId: integer('booking_id')
			.notNull()
			.references(() => booking.id),
		stars: integer('stars').notNull(),
		/** quick tags, e.g. ["态度好","准时"] */
		tags: jsonb('tags').$type<string[]>().notNull().default([]),
		comment: text('comment'),
		createdAt: createdAt(),
		updatedAt: epochMs('updated_at'),
		reply: text('reply'),
		repliedAt: epochMs('replied_at'),
		repliedByUserId: integer('replied_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		/** 回访: when staff called back about a low rating */
		followedUpAt: epochMs('followed_up_at')
	},
	(t) => [
		uniqueIndex('rating_booking').on(t.bookingId),
		check('rating_stars', sql`${t.stars} between 1 and 5`),
		check('rating_comment', sql`${t.comment} is null or length(${t.comment}) <= 1000`)
	]
);

/**
 * Running totals of each service point's ratings (the public summary reads one row instead of
 * joining every rating through booking and slot). Kept by triggers on rating, booking and slot
 * (migration 0006), so every writer — the app, the demo seed, an import — keeps them exact in the
 * same transaction. `version` moves on every change to one of the point's ratings (a reply too),
 * so what is shown from them can be cached until it moves.
 */
export const servicePointRating = pgTable('service_point_rating', {
	servicePointId: integer('service_point_id')
		.primaryKey()
		.references(() => servicePoint.id, { onDelete: 'cascade' }),
	ratings: integer('ratings').notNull().default(0),
	starSum: integer('star_sum').notNull().default(0),
	version: integer('version').notNull().default(0)
});
