import { toCsv, type CsvCell } from '../csv';
import { asc, eq } from 'drizzle-orm';
import type { CoordinateDatum } from '$lib/geo';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import { servicePoint } from '../db/schema';
import type { ImportMode, ImportReport, Row } from './import-rows';
import { servicePointColumns } from './data-columns';
import { insertInChunks } from '../db';
import { codes, existingIds, importRows, type Importer } from './import-table';

// Service point data for administrators: the CSV import and export.

type ServicePointRow = { id: number | null; value: Omit<typeof servicePoint.$inferInsert, 'id'> };

/** How a service point row is read and written. */
export async function servicePointImporter(
	db: Db,
	actorUserId: number,
	datum: CoordinateDatum = 'wgs84'
): Promise<Importer<ServicePointRow>> {
	const known = await codes(db);
	const ids = await existingIds(db, servicePoint);
	const now = new Date();
	return {
		read: (r) => {
			const id = r.id(ids);
			const value = {
				name: r.text('name', 100),
				categoryCode: r.oneOf('category', known.categories),
				communityCode: r.oneOf('community', known.communities),
				...r.point(datum),
				address: r.text('address', 200),
				phone: r.text('phone', 20),
				openingText: r.text('opening_text', 200, false),
				accessibleEntrance: r.flag('accessible_entrance', false),
				active: r.flag('active', true)
			};
			if (value.phone && !/^[0-9+\- ]{5,20}$/.test(value.phone))
				r.errors.push(m.plan_import_phone());
			return { id, value };
		},
		write: async (tx, rows) => {
			// updatedAt changes the coverage fingerprint: the engine rebuilds on its next use
			for (const { id, value } of rows)
				if (id !== null)
					await tx
						.update(servicePoint)
						.set({ ...value, updatedAt: now })
						.where(eq(servicePoint.id, id));
			// new ones in file order (their ids follow it)
			await insertInChunks(
				tx,
				servicePoint,
				rows.filter((row) => row.id === null).map((row) => ({ ...row.value, updatedAt: now }))
			);
		},
		audit: { actorUserId, entity: 'service_point' }
	};
}

export async function importServicePoints(
	db: Db,
	actorUserId: number,
	rows: Row[],
	mode: ImportMode,
	datum: CoordinateDatum = 'wgs84'
): Promise<ImportReport> {
	return importRows(db, rows, mode, await servicePointImporter(db, actorUserId, datum));
}

/** Every service point (inactive ones too) in the import format, with a BOM for spreadsheets. */
export async function servicePointsCsv(db: Db): Promise<string> {
	return toCsv([...servicePointColumns], await servicePointRows(db));
}

/** Every service point's row in `servicePointColumns` order (the CSV and the .xlsx). */
export async function servicePointRows(db: Db): Promise<CsvCell[][]> {
	const rows = await db.select().from(servicePoint).orderBy(asc(servicePoint.id));
	return rows.map((p) => [
		p.id,
		p.name,
		p.categoryCode,
		p.communityCode,
		p.lng,
		p.lat,
		p.address,
		p.phone,
		p.openingText,
		p.accessibleEntrance ? 1 : 0,
		p.active ? 1 : 0
	]);
}
