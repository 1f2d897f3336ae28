import { asc } from 'drizzle-orm';
import type { Db } from '../db';
import { serviceCategory } from '../db/schema';

export type Category = typeof serviceCategory.$inferSelect;

export async function list(db: Db): Promise<Category[]> {
	return db.select().from(serviceCategory).orderBy(asc(serviceCategory.sortOrder));
}

export async function exists(db: Db, code: string): Promise<boolean> {
	return (await list(db)).some((category) => category.code === code);
}
