import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { closeDatabase, insertInChunks, openTestDatabase, transaction, type Db } from '../db';
import { auditLog, community, residence, roadEdge, street } from '../db/schema';
import { insertMany } from './bulk-insert';

// insertMany writes the same rows as insertInChunks (drizzle's multi-row insert): on PostgreSQL
// through one JSON parameter per statement, where omitted values, nulls, booleans, doubles, times,
// jsonb documents and text that JSON must escape all have to come out as drizzle writes them.

const tricky = ['"quoted"', "it's", 'back\\slash', 'line\nbreak', '<b>&amp;</b>', '嘉峪关 𠀋', ''];

function rowsFor() {
	const streets = [
		{ code: '620201001', name: tricky[0], kind: '街道' as const, urban: true },
		{ code: '620201002', name: tricky[1], kind: '镇' as const, urban: false }
	];
	const communities = tricky.map((name, i) => ({
		code: `6202010010${String(i).padStart(2, '0')}`,
		name,
		kind: i % 2 ? ('村' as const) : ('社区' as const),
		streetCode: streets[i % 2].code,
		centreLng: 98.2 + i / 3,
		centreLat: -39.77 - i * 1e-9,
		address: tricky[(i + 1) % tricky.length],
		phone: '09376200000',
		// a document in some rows, null in one, omitted (its default) in the others
		...(i % 3 === 0
			? { polygon: { type: 'Polygon', coordinates: [[[98.1, 39.7, i]]], name: tricky[i] } }
			: i % 3 === 1
				? { polygon: null }
				: {}),
		generated: i % 2 === 0
	}));
	// `generated` given in every row
	const residences = Array.from({ length: 30 }, (_, i) => ({
		id: i + 1,
		name: `${tricky[i % tricky.length]}${i}`,
		communityCode: communities[i % communities.length].code,
		lng: 98 + (i % 1000) / 7000,
		lat: 39 + (i % 500) / 13_000 - 0.1,
		households: i % 50,
		residents: (i % 50) * 3 + 3,
		elderly60plus: i % 3,
		children0to3: i % 3,
		generated: i % 5 === 0
	}));
	// `generated` (an SQL default) given in some rows only: insertInChunks does these
	const edges = [
		{ kind: 'footway', name: null, coordinates: [[98.1, 39.7]] as [number, number][] },
		{ kind: 'road', name: tricky[3], coordinates: [], generated: true }
	];
	// more rows than one statement carries (a table without row triggers: quick on PostgreSQL)
	const audits = Array.from({ length: 5_001 }, (_, i) => ({
		action: tricky[i % tricky.length],
		entity: 'test',
		entityId: i % 2 ? null : String(i),
		detail: i % 2 ? { list: [1, 'two', null, { three: tricky[i % tricky.length] }] } : undefined,
		createdAt: new Date(Date.UTC(2026, 11, 2, 1, 2, 3) + i)
	}));
	return { streets, communities, residences, edges, audits };
}

async function write(db: Db, insert: typeof insertMany) {
	const rows = rowsFor();
	await transaction(db, async (tx) => {
		await insert(tx, street, rows.streets);
		await insert(tx, community, rows.communities);
		await insert(tx, residence, rows.residences);
		await insert(tx, roadEdge, rows.edges);
		await insert(tx, auditLog, rows.audits);
	});
}

async function read(db: Db) {
	return {
		streets: await db.select().from(street).orderBy(asc(street.code)),
		communities: await db.select().from(community).orderBy(asc(community.code)),
		residences: await db.select().from(residence).orderBy(asc(residence.id)),
		edges: await db.select().from(roadEdge).orderBy(asc(roadEdge.id)),
		audits: await db.select().from(auditLog).orderBy(asc(auditLog.id)),
		// the documents as the database holds them (drizzle would read a document written as a JSON
		// string back as the same object)
		documents: [
			await db
				.select({ text: sql<string>`cast(${community.polygon} as text)` })
				.from(community)
				.orderBy(asc(community.code)),
			await db
				.select({ text: sql<string>`cast(${roadEdge.coordinates} as text)` })
				.from(roadEdge)
				.orderBy(asc(roadEdge.id)),
			await db
				.select({ text: sql<string>`cast(${auditLog.detail} as text)` })
				.from(auditLog)
				.orderBy(asc(auditLog.id))
		]
	};
}

describe('insertMany', () => {
	let viaChunks: Db;
	let viaMany: Db;
	beforeAll(async () => {
		viaChunks = await openTestDatabase();
		viaMany = await openTestDatabase();
		await write(viaChunks, insertInChunks);
		await write(viaMany, insertMany);
	}, 120_000);
	afterAll(async () => {
		await closeDatabase(viaChunks);
		await closeDatabase(viaMany);
	});

	it('writes the same rows as insertInChunks', async () => {
		const expected = await read(viaChunks);
		const written = await read(viaMany);
		expect(written.audits).toHaveLength(5_001);
		expect(written.communities.map((c) => c.name).sort()).toEqual([...tricky].sort());
		expect(written.communities.find((c) => c.code.endsWith('00'))?.polygon).toEqual({
			type: 'Polygon',
			coordinates: [[[98.1, 39.7, 0]]],
			name: tricky[0]
		});
		expect(written.audits[1].detail).toEqual({ list: [1, 'two', null, { three: tricky[1] }] });
		expect(written).toEqual(expected);
	});

	it('inserts nothing for no rows', async () => {
		await transaction(viaMany, (tx) => insertMany(tx, street, []));
		expect(await viaMany.select().from(street)).toHaveLength(2);
	});
});
