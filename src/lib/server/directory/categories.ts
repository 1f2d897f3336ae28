import { asc } from 'drizzle-orm';
import type { Db } from '../db';
import { serviceCategory } from '../db/schema';

export type Category = typeof serviceCategory.$inferSelect;

export function list(db: Db): Category[] {
	return db.select().from(serviceCategory).orderBy(asc(serviceCategory.sortOrder)).all();
}

export function exists(db: Db, code: string): boolean {
	return list(db).some((category) => category.code === code);
}
