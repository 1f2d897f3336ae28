import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { meta } from './db/schema';

/** True on the embedded demo city (meta 'dataset' = 'demo'): demo accounts and the outbox page exist only then. */
export async function isDemo(db: Db): Promise<boolean> {
	const [row] = await db
		.select({ value: meta.value })
		.from(meta)
		.where(eq(meta.key, 'dataset'))
		.limit(1);
	return row?.value === 'demo';
}
