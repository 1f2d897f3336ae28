import { sql } from 'drizzle-orm';
import { integer } from 'drizzle-orm/sqlite-core';

// Times are UTC instants stored as epoch milliseconds; they are shown in Asia/Shanghai.
export const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);
