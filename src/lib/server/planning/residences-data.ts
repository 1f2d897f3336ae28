import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import { residence } from '../db/schema';
import type { ImportMode, ImportReport, Row } from './import-rows';
import { codes, existingIds, importRows } from './import-table';

// Residence data for administrators: the CSV or GeoJSON import.

export function importResidences(
	db: Db,
	actorUserId: number,
	rows: Row[],
	mode: ImportMode
): ImportReport {
	const known = codes(db);
	const ids = existingIds(db, residence);
	return importRows(
		db,
		rows,
		mode,
		(r) => {
			const id = r.id(ids);
			const value = {
				name: r.text('name', 100),
				communityCode: r.oneOf('community', known.communities),
				lng: r.number('lng', -180, 180),
				lat: r.number('lat', -90, 90),
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
		(tx, { id, value }) => {
			if (id === null) tx.insert(residence).values(value).run();
			else tx.update(residence).set(value).where(eq(residence.id, id)).run();
		},
		{ actorUserId, entity: 'residence' }
	);
}
