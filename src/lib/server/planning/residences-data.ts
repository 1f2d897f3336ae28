import { eq } from 'drizzle-orm';
import type { CoordinateDatum } from '$lib/geo';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import { residence } from '../db/schema';
import type { ImportMode, ImportReport, Row } from './import-rows';
import { insertInChunks } from '../db';
import { nextTurn } from '../event-loop';
import { codes, existingIds, importRows, type Importer } from './import-table';

// Residence data for administrators: the CSV or GeoJSON import.

type ResidenceRow = {
	id: number | null;
	value: {
		name: string;
		communityCode: string;
		lng: number;
		lat: number;
		households: number;
		residents: number;
		elderly60plus: number;
		children0to3: number;
	};
};

/** How a residence row is read and written (new ones inserted in chunks: an import can hold 600,000). */
export async function residenceImporter(
	db: Db,
	actorUserId: number,
	datum: CoordinateDatum = 'wgs84'
): Promise<Importer<ResidenceRow>> {
	const known = await codes(db);
	const ids = await existingIds(db, residence);
	return {
		read: (r) => {
			const id = r.id(ids);
			const value = {
				name: r.text('name', 100),
				communityCode: r.oneOf('community', known.communities),
				...r.point(datum),
				households: r.number('households', 0, 100_000, true),
				residents: r.number('residents', 0, 1_000_000, true),
				elderly60plus: r.number('elderly_60plus', 0, 1_000_000, true),
				children0to3: r.number('children_0_3', 0, 1_000_000, true)
			};
			if (
				value.residents < value.households ||
				value.elderly60plus > value.residents ||
				value.children0to3 > value.residents
			)
				r.errors.push(m.plan_import_residence_counts());
			return { id, value };
		},
		write: async (tx, rows) => {
			let updated = 0;
			for (const { id, value } of rows) {
				if (id === null) continue;
				await tx.update(residence).set(value).where(eq(residence.id, id));
				// other requests are answered between thousands of updates (see insertInChunks)
				if (++updated % 2000 === 0) await nextTurn();
			}
			// new ones in file order (their ids follow it)
			await insertInChunks(
				tx,
				residence,
				rows.filter((row) => row.id === null).map((row) => row.value)
			);
		},
		audit: { actorUserId, entity: 'residence' }
	};
}

export async function importResidences(
	db: Db,
	actorUserId: number,
	rows: Row[],
	mode: ImportMode,
	datum: CoordinateDatum = 'wgs84'
): Promise<ImportReport> {
	return importRows(db, rows, mode, await residenceImporter(db, actorUserId, datum));
}
