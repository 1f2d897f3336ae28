import { m } from '$lib/paraglide/messages';
import { immediate, type Db } from '../db';
import { community, residence, serviceCategory, servicePoint } from '../db/schema';
import { record, type AuditedEntity } from '../audit';
import {
	RowReader,
	type ImportMode,
	type ImportReport,
	type RejectedRow,
	type Row
} from './import-rows';

// Shared by the importers: all-or-good-rows writing in one transaction, its audit entry, known
// codes and ids.

/**
 * Validates every row, then writes the good ones in one transaction ("partial"), or nothing at
 * all when any row is bad ("all"). Either way nothing is ever half-imported, and the report
 * names each rejected row's problems. A written import is audited as `import` of `entity`.
 */
export function importRows<T extends { id: number | null }>(
	db: Db,
	rows: Row[],
	mode: ImportMode,
	read: (reader: RowReader) => T,
	write: (tx: Db, value: T) => void,
	audit: { actorUserId: number; entity: AuditedEntity }
): ImportReport {
	const good: T[] = [];
	const rejected: RejectedRow[] = [];
	const seenIds = new Set<number>();
	rows.forEach((row, i) => {
		const reader = new RowReader(row);
		const value = read(reader);
		if (value.id !== null) {
			if (seenIds.has(value.id)) reader.errors.push(m.plan_import_duplicate_id({ id: value.id }));
			seenIds.add(value.id);
		}
		if (reader.errors.length) rejected.push({ line: i + 2, errors: reader.errors });
		else good.push(value);
	});
	const report: ImportReport = {
		written: false,
		mode,
		inserted: good.filter((v) => v.id === null).length,
		updated: good.filter((v) => v.id !== null).length,
		rejected
	};
	if ((mode === 'all' && rejected.length > 0) || good.length === 0) {
		return { ...report, inserted: 0, updated: 0 };
	}
	immediate(db, (tx) => {
		for (const value of good) write(tx, value);
		record(tx, {
			actorUserId: audit.actorUserId,
			action: 'import',
			entity: audit.entity,
			detail: {
				mode,
				inserted: report.inserted,
				updated: report.updated,
				rejected: report.rejected.length
			}
		});
	});
	return { ...report, written: true };
}

export function codes(db: Db) {
	return {
		categories: new Set(
			db
				.select({ code: serviceCategory.code })
				.from(serviceCategory)
				.all()
				.map((r) => r.code)
		),
		communities: new Set(
			db
				.select({ code: community.code })
				.from(community)
				.all()
				.map((r) => r.code)
		)
	};
}

/** The ids a table already holds: an imported row with an id must name one of them. */
export function existingIds(db: Db, table: typeof residence | typeof servicePoint): Set<number> {
	return new Set(
		db
			.select({ id: table.id })
			.from(table)
			.all()
			.map((r) => r.id)
	);
}
