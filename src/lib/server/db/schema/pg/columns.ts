import { sql } from 'drizzle-orm';
import { customType, integer } from 'drizzle-orm/pg-core';

// The PostgreSQL twin of ../columns.ts. Times are UTC instants stored as epoch milliseconds in a
// bigint, as SQLite stores them in an integer: the same numbers in both databases, so raw SQL that
// compares or subtracts times (`starts_at - 3600000`) means the same on both, and a Date in the
// code maps to and from the number. db/postgres.ts parses int8 as a JS number (epoch ms fit).

/** A Date in the code, epoch milliseconds (bigint) in the database. */
export const epochMs = customType<{ data: Date; driverData: number | string }>({
	dataType: () => 'bigint',
	toDriver: (value) => value.getTime(),
	fromDriver: (value) => new Date(Number(value))
});

/** `(extract(epoch from clock_timestamp()) * 1000)::bigint`: now in epoch ms, as the SQLite schema's default */
export const nowMs = sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export const createdAt = () => epochMs('created_at').notNull().default(nowMs);

/** SQLite's `integer primary key autoincrement`: ids the database hands out, or given explicitly */
export const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();
