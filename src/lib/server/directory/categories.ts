import { asc } from 'drizzle-orm';
import { getDb } from '../db';
import { prepared } from '../db/prepared';
import { serviceCategory } from '../db/schema';

export type Category = typeof serviceCategory.$inferSelect;

/** On nearly every page: kept prepared (building the query costs more than running it). */
export function list(): Category[] {
	const db = getDb();
	return prepared(db, 'categories', () =>
		db.select().from(serviceCategory).orderBy(asc(serviceCategory.sortOrder)).prepare()
	).all();
}

export function exists(code: string): boolean {
	return list().some((category) => category.code === code);
}
