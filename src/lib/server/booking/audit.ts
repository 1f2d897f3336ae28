import type { Db } from '../db';
import { auditLog } from '../db/schema';

/** One audit row per status change and staff write; the detail never carries phone numbers. */
export function audit(
	tx: Db,
	entry: {
		actorUserId: number | null;
		action: string;
		entity:
			| 'booking'
			| 'slot'
			| 'closure'
			| 'waitlist_entry'
			| 'service_point'
			| 'opening_rule'
			| 'rating';
		entityId: number;
		detail?: Record<string, unknown>;
		now: number;
	}
): void {
	tx.insert(auditLog)
		.values({
			actorUserId: entry.actorUserId,
			action: entry.action,
			entity: entry.entity,
			entityId: String(entry.entityId),
			detail: entry.detail ?? null,
			createdAt: new Date(entry.now)
		})
		.run();
}
