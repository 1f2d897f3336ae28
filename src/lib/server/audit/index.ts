import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
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
	| 'service_category'
	| 'notice'
	| 'resource'
	| 'community_facts'
	| 'need'
	| 'project'
	| 'ledger_snapshot'
	| 'volunteer_station'
	| 'volunteer'
	| 'help_request'
	| 'volunteer_activity';

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
export async function record(tx: Db, entry: AuditEntry): Promise<void> {
	const { now } = entry;
	// without a time, the column's default: the database's clock
	await prepared(tx, now === undefined ? 'auditRecord' : 'auditRecordAt', ($) =>
		tx.insert(auditLog).values({
			actorUserId: $.actorUserId,
			action: $.action,
			entity: $.entity,
			entityId: $.entityId,
			// raw: the JSON text or null, as the column stores it
			detail: sql`${$.detail}`,
			...(now === undefined ? {} : { createdAt: $.now })
		})
	).execute({
		actorUserId: entry.actorUserId,
		action: entry.action,
		entity: entry.entity,
		entityId: entry.entityId === undefined ? null : String(entry.entityId),
		detail: entry.detail ? JSON.stringify(entry.detail) : null,
		now: now === undefined ? null : new Date(now)
	});
}
