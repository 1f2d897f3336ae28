import { toCsv } from '../csv';
import { asc, eq } from 'drizzle-orm';
import { parseNetworkPausing } from '$lib/geo';
import { m } from '$lib/paraglide/messages';
import { getDb, immediate, type Db } from '../db';
import { community, residence, serviceCategory, servicePoint } from '../db/schema';
import { record } from '../audit';
import { replaceNetwork } from '../directory/network';
import {
	RowReader,
	type ImportMode,
	type ImportReport,
	type RejectedRow,
	type Row
} from './import-rows';

/** The service point CSV: export writes it, import reads it (an empty id adds a new point). */
export const servicePointColumns = [
	'id',
	'name',
	'category',
	'community',
	'lng',
	'lat',
	'address',
	'phone',
	'opening_text',
	'accessible_entrance',
	'active'
] as const;
export const servicePointRequired = [
	'name',
	'category',
	'community',
	'lng',
	'lat',
	'address',
	'phone'
];

export const residenceColumns = [
	'id',
	'name',
	'community',
	'lng',
	'lat',
	'households',
	'residents',
	'elderly_60plus',
	'children_0_3'
] as const;
export const residenceRequired = residenceColumns.filter((c) => c !== 'id');

/**
 * Validates every row, then writes the good ones in one transaction ("partial"), or nothing at
 * all when any row is bad ("all"). Either way nothing is ever half-imported, and the report
 * names each rejected row's problems.
 */
function importRows<T extends { id: number | null }>(
	db: Db,
	rows: Row[],
	mode: ImportMode,
	read: (reader: RowReader) => T,
	write: (tx: Db, value: T) => void,
	auditEntry: (tx: Db, report: ImportReport) => void
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
		auditEntry(tx, report);
	});
	return { ...report, written: true };
}

function codes(db: Db) {
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

export function importServicePoints(
	db: Db,
	actorUserId: number,
	rows: Row[],
	mode: ImportMode
): ImportReport {
	const known = codes(db);
	const ids = new Set(
		db
			.select({ id: servicePoint.id })
			.from(servicePoint)
			.all()
			.map((r) => r.id)
	);
	const now = new Date();
	return importRows(
		db,
		rows,
		mode,
		(r) => {
			const id = r.id(ids);
			const value = {
				name: r.text('name', 100),
				categoryCode: r.oneOf('category', known.categories),
				communityCode: r.oneOf('community', known.communities),
				lng: r.number('lng', -180, 180),
				lat: r.number('lat', -90, 90),
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
		(tx, { id, value }) => {
			// updatedAt changes the coverage fingerprint: the engine rebuilds on its next use
			if (id === null)
				tx.insert(servicePoint)
					.values({ ...value, updatedAt: now })
					.run();
			else
				tx.update(servicePoint)
					.set({ ...value, updatedAt: now })
					.where(eq(servicePoint.id, id))
					.run();
		},
		(tx, report) =>
			record(tx, {
				actorUserId,
				action: 'import',
				entity: 'service_point',
				detail: {
					mode,
					inserted: report.inserted,
					updated: report.updated,
					rejected: report.rejected.length
				}
			})
	);
}

export function importResidences(
	db: Db,
	actorUserId: number,
	rows: Row[],
	mode: ImportMode
): ImportReport {
	const known = codes(db);
	const ids = new Set(
		db
			.select({ id: residence.id })
			.from(residence)
			.all()
			.map((r) => r.id)
	);
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
		(tx, report) =>
			record(tx, {
				actorUserId,
				action: 'import',
				entity: 'residence',
				detail: {
					mode,
					inserted: report.inserted,
					updated: report.updated,
					rejected: report.rejected.length
				}
			})
	);
}

export type NetworkImport = { ok: true; lines: number } | { ok: false; message: string };

/** lets the requests waiting behind a long import run (once per few thousand OSM tags) */
const letOthersRun = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Replaces the walking network from GeoJSON or OSM XML (the parser of `npm run import:network`).
 * The file is read in steps with other requests served in between: a 5 MB file (the upload limit)
 * takes up to about a second here.
 */
export async function importNetwork(
	db: Db,
	actorUserId: number,
	text: string,
	fileName: string
): Promise<NetworkImport> {
	let lines: [number, number][][];
	try {
		lines = await parseNetworkPausing(text, fileName, letOthersRun);
	} catch (error) {
		return {
			ok: false,
			message: m.plan_import_network_invalid({ detail: (error as Error).message.slice(0, 200) })
		};
	}
	if (lines.length === 0) return { ok: false, message: m.plan_import_empty() };
	immediate(db, (tx) => {
		replaceNetwork(tx, lines);
		record(tx, {
			actorUserId,
			action: 'import',
			entity: 'road_edge',
			detail: {
				lines: lines.length,
				fileName: fileName.slice(0, 100)
			}
		});
	});
	return { ok: true, lines: lines.length };
}

export function updateCategory(
	db: Db,
	actorUserId: number,
	input: { code: string; nameZh: string; nameEn: string; tierMinutes: 5 | 10 | 15 }
): boolean {
	return immediate(db, (tx) => {
		const before = tx
			.select()
			.from(serviceCategory)
			.where(eq(serviceCategory.code, input.code))
			.get();
		if (!before) return false;
		tx.update(serviceCategory)
			.set({ nameZh: input.nameZh, nameEn: input.nameEn, tierMinutes: input.tierMinutes })
			.where(eq(serviceCategory.code, input.code))
			.run();
		record(tx, {
			actorUserId,
			action: 'update',
			entity: 'service_category',
			detail: {
				code: input.code,
				tierBefore: before.tierMinutes,
				tierAfter: input.tierMinutes
			}
		});
		return true;
	});
}

/** Every service point (inactive ones too) in the import format, with a BOM for spreadsheets. */
export function servicePointsCsv(db: Db = getDb()): string {
	const rows = db.select().from(servicePoint).orderBy(asc(servicePoint.id)).all();
	return toCsv(
		[...servicePointColumns],
		rows.map((p) => [
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
		])
	);
}
