import { m } from '$lib/paraglide/messages';
import { transaction, type Db } from '../db';
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

/** How one kind of row is read (validated cell by cell) and written (all good rows, in order). */
export interface Importer<T extends { id: number | null }> {
	read: (reader: RowReader) => T;
	write: (tx: Db, values: readonly T[]) => Promise<void>;
	audit: { actorUserId: number; entity: AuditedEntity };
}

/** rejected rows kept for the report (a file of bad rows would otherwise fill memory) */
const keptRejections = 1000;

/**
 * Rows validated one at a time as they are read (a whole file, or a stream of one), then written
 * in one transaction: the good ones ("partial"), or nothing at all when any row is bad ("all").
 * Either way nothing is ever half-imported, and the report names each rejected row's problems (the
 * first thousand; `rejectedTotal` counts them all). A written import is audited as `import`.
 */
export class ImportBatch<T extends { id: number | null }> {
	private readonly good: T[] = [];
	private readonly rejected: RejectedRow[] = [];
	private rejectedTotal = 0;
	private readonly seenIds = new Set<number>();

	constructor(private readonly importer: Importer<T>) {}

	get rows(): number {
		return this.good.length + this.rejectedTotal;
	}

	/** `line`: 1-based line of the CSV (header = 1), or feature number + 1 for GeoJSON */
	add(row: Row, line: number): void {
		const reader = new RowReader(row);
		const value = this.importer.read(reader);
		if (value.id !== null) {
			if (this.seenIds.has(value.id))
				reader.errors.push(m.plan_import_duplicate_id({ id: value.id }));
			this.seenIds.add(value.id);
		}
		if (reader.errors.length) {
			this.rejectedTotal++;
			if (this.rejected.length < keptRejections)
				this.rejected.push({ line, errors: reader.errors });
		} else this.good.push(value);
	}

	async finish(db: Db, mode: ImportMode): Promise<ImportReport> {
		const inserted = this.good.filter((v) => v.id === null).length;
		const report: ImportReport = {
			written: false,
			mode,
			inserted,
			updated: this.good.length - inserted,
			rejected: this.rejected,
			rejectedTotal: this.rejectedTotal
		};
		if ((mode === 'all' && this.rejectedTotal > 0) || this.good.length === 0) {
			return { ...report, inserted: 0, updated: 0 };
		}
		await transaction(db, async (tx) => {
			await this.importer.write(tx, this.good);
			await record(tx, {
				actorUserId: this.importer.audit.actorUserId,
				action: 'import',
				entity: this.importer.audit.entity,
				detail: {
					mode,
					inserted: report.inserted,
					updated: report.updated,
					rejected: this.rejectedTotal
				}
			});
		});
		return { ...report, written: true };
	}
}

/** An import of rows already read (a file parsed whole): see ImportBatch. */
export async function importRows<T extends { id: number | null }>(
	db: Db,
	rows: Row[],
	mode: ImportMode,
	importer: Importer<T>
): Promise<ImportReport> {
	const batch = new ImportBatch(importer);
	rows.forEach((row, i) => batch.add(row, i + 2));
	return batch.finish(db, mode);
}

export async function codes(db: Db) {
	const categories = await db.select({ code: serviceCategory.code }).from(serviceCategory);
	const communities = await db.select({ code: community.code }).from(community);
	return {
		categories: new Set(categories.map((r) => r.code)),
		communities: new Set(communities.map((r) => r.code))
	};
}

/** The ids a table already holds: an imported row with an id must name one of them. */
export async function existingIds(
	db: Db,
	table: typeof residence | typeof servicePoint
): Promise<Set<number>> {
	return new Set((await db.select({ id: table.id }).from(table)).map((r) => r.id));
}
