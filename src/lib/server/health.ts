import { sql } from 'drizzle-orm';
import { getDb } from './db';

/** True when the database answers a query. */
export function isHealthy(): boolean {
	try {
		return getDb().get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
	} catch {
		return false;
	}
}
