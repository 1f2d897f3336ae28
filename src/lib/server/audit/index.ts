import type { Db } from '../db';
import { auditLog } from '../db/schema';

/** What an audit row is about: the table the written row lives in. */
export type AuditedEntity =
	| 'booking'
	| 'slot'
	| 'closure'
	| 'waitlist_entry'
	| 'service_point'
	| 'opening_rule'
	| 'rating'
	| 'user'
	| 'family_link'
	| 'residence'
	| 'road_edge'
	| 'service_category';

export interface AuditEntry {
	actorUserId: number | null;
	action: string;
	entity: AuditedEntity;
	/** absent for a write about many rows (an import) */
	entityId?: number | string;
	/** ids and counts: never a phone number */
	detail?: Record<string, unknown>;
	/** the database's clock when absent */
	now?: number;
}

/**
 * The one writer of audit_log: a row per staff and admin write and per booking status change, in the
 * transaction of the write it records.
 */
export function record(tx: Db, entry: AuditEntry): void {
	tx.insert(auditLog)
		.values({
			actorUserId: entry.actorUserId,
			action: entry.action,
			entity: entry.entity,
			entityId: entry.entityId === undefined ? null : String(entry.entityId),
			detail: entry.detail ?? null,
			...(entry.now === undefined ? {} : { createdAt: new Date(entry.now) })
		})
		.run();
}
