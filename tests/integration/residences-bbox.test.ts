import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import {
	closeDatabase,
	copyDatabase,
	openDatabase,
	schema,
	transaction,
	type Db
} from '../../src/lib/server/db';
import { removeDatabase, startServer, type RunningServer } from '../support/server';
import { scratchDatabaseUrl, testServerDatabaseUrl } from '../support/test-server-db';

/**
 * `/api/residences.geojson?bbox=` cannot fill the answer cache: a client asking for one box after
 * another (each different) neither grows the cache nor pushes out the answers worth keeping (the
 * whole city's layer). Seen from outside through a change the cache cannot know of: on a server of
 * its own, on a copy of the demo city, a residence is renamed in the database and the data version
 * set back, so a kept answer still shows the old name and a built one the new.
 */
test.describe.configure({ mode: 'serial' });

const copy = scratchDatabaseUrl(`residences-bbox-${process.env.TEST_PORT}`);
const privateBuild = `tests/output/build-${process.env.TEST_PORT}`;
let server: RunningServer;
let db: Db;

test.beforeAll(async () => {
	await copyDatabase(testServerDatabaseUrl(), copy);
	db = openDatabase(copy);
	server = await startServer({
		buildDir: existsSync(`${privateBuild}/index.js`) ? privateBuild : 'build',
		database: copy,
		env: { SEED_DEMO: 'false' },
		healthTimeoutMs: 60_000
	});
});

test.afterAll(async () => {
	await server?.stop();
	if (db) await closeDatabase(db);
	removeDatabase(copy);
});

interface Feature {
	geometry: { coordinates: [number, number] };
	properties: { id: number; name: string };
}

async function layer(query = '', headers: Record<string, string> = {}) {
	const response = await fetch(`${server.origin}/api/residences.geojson${query}`, { headers });
	return response;
}

async function features(query = ''): Promise<Feature[]> {
	const response = await layer(query);
	expect(response.status).toBe(200);
	return ((await response.json()) as { features: Feature[] }).features;
}

/** Renames a residence without the data version changing (what no administrator's edit can do). */
async function renameBehindTheCache(id: number, name: string) {
	const { meta, residence } = schema;
	const versionKey = eq(meta.key, 'public_data_version');
	await transaction(db, async (tx) => {
		const [before] = await tx.select({ value: meta.value }).from(meta).where(versionKey);
		await tx.update(residence).set({ name }).where(eq(residence.id, id));
		await tx.update(meta).set({ value: before.value }).where(versionKey);
	});
}

test('answers for boxes are exact and not kept; the whole layer stays cached through a flood of boxes', async () => {
	test.setTimeout(180_000);
	const all = await features();
	const [home] = [...all].sort((x, y) => x.properties.id - y.properties.id);
	const [lng, lat] = home.geometry.coordinates;
	const box = [lng - 0.005, lat - 0.005, lng + 0.005, lat + 0.005].map((v) => v.toFixed(6));
	const query = `?bbox=${box.join(',')}`;

	// exactly the residences inside the box asked for
	const boxed = await features(query);
	const [w, s, e, n] = box.map(Number);
	const inside = all
		.filter(
			({
				geometry: {
					coordinates: [x, y]
				}
			}) => x >= w && x <= e && y >= s && y <= n
		)
		.map((f) => f.properties.id);
	expect(boxed.map((f) => f.properties.id).sort()).toEqual(inside.sort());
	expect(inside.length).toBeLessThan(all.length);

	// a repeat with the ETag is a 304, kept or not
	const tag = (await layer(query)).headers.get('etag')!;
	expect((await layer(query, { 'if-none-match': tag })).status).toBe(304);

	const { residence } = schema;
	const [row] = await db
		.select({ name: residence.name })
		.from(residence)
		.where(eq(residence.id, home.properties.id));
	await renameBehindTheCache(home.properties.id, `${row.name}（改）`);
	const named = (list: Feature[]) => list.find((f) => f.properties.id === home.properties.id)!;

	// the whole layer was kept: the old name
	expect(named(await features()).properties.name).toBe(row.name);
	// the box was not: built again, the new name
	expect(named(await features(query)).properties.name).toBe(`${row.name}（改）`);

	// a client asks for 400 different boxes (more than the cache holds answers)
	const flood = (k: number) =>
		[lng + k * 0.0001, lat, lng + k * 0.0001 + 0.002, lat + 0.002].map((v) => v.toFixed(4));
	for (let i = 0; i < 400; i += 8)
		await Promise.all(
			Array.from({ length: 8 }, (_, j) => features(`?bbox=${flood(i + j).join(',')}`))
		);
	// the whole layer is still the kept answer
	expect(named(await features()).properties.name).toBe(row.name);
});
