import { asc } from 'drizzle-orm';
import { getDb } from '../db';
import { serviceCategory } from '../db/schema';

export type Category = typeof serviceCategory.$inferSelect;

export function list(): Category[] {
	return getDb().select().from(serviceCategory).orderBy(asc(serviceCategory.sortOrder)).all();
}

export function exists(code: string): boolean {
	return list().some((category) => category.code === code);
}
