import { eq } from 'drizzle-orm';
import { getDb } from './db';
import { meta } from './db/schema';

/** True on the embedded demo city (meta 'dataset' = 'demo'): demo accounts and the outbox page exist only then. */
export function isDemo(): boolean {
	const row = getDb().select({ value: meta.value }).from(meta).where(eq(meta.key, 'dataset')).get();
	return row?.value === 'demo';
}
