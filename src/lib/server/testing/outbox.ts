// Test read-back: what the outbox holds for a phone number.
import { desc, eq } from 'drizzle-orm';
import { getDb } from '../db';
import { outbox } from '../db/schema';

/** The six-digit code in the last text queued for `phone`, or '' when none was. */
export async function lastCodeTo(phone: string): Promise<string> {
	const [row] = await getDb()
		.select({ body: outbox.body })
		.from(outbox)
		.where(eq(outbox.recipient, phone))
		.orderBy(desc(outbox.id))
		.limit(1);
	return /(\d{6})/.exec(row?.body ?? '')?.[1] ?? '';
}
