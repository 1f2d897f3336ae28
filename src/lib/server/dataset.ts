import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { meta } from './db/schema';

/** True on the embedded demo city (meta 'dataset' = 'demo'): demo accounts and the outbox page exist only then. */
export function isDemo(db: Db): boolean {
	const row = db.select({ value: meta.value }).from(meta).where(eq(meta.key, 'dataset')).get();
	return row?.value === 'demo';
}
