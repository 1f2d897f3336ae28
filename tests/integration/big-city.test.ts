/**
 * The planning view holds a big city (issue 21): the admin pages' HTML does not grow with the
 * homes, the map gets them by tile from /api/homes (bounded answers, counted cells at low zoom,
 * counts equal to a direct count), exports and tiles answer 304 until the data changes, and an
 * import larger than a request body goes in pieces, is read as a stream with its progress, and
 * changes nothing when a row in the middle is bad. Its own server on a fresh demo city, so the
 * homes it imports never reach the other tests.
 */
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { removeDatabase, startServer, type RunningServer } from '../support/server';
import { demoPassword } from './accounts-helpers';

test.describe.configure({ mode: 'serial' });

const database = `tests/output/big-city-${process.env.TEST_PORT}.db`;
const privateBuild = `tests/output/build-${process.env.TEST_PORT}`;
let server: RunningServer;
let cookie = '';

interface Tile {
	total: number;
	homes: { id: number; name: string; point: [number, number]; uncovered: boolean }[] | null;
	cells: { point: [number, number]; homes: number; uncovered: number }[] | null;
}
interface Feature {
	geometry: { coordinates: [number, number] };
	properties: Record<string, unknown>;
}

async function get(path: string, headers: Record<string, string> = {}) {
	const response = await fetch(server.origin + path, { headers: { cookie, ...headers } });
	return { status: response.status, headers: response.headers, text: await response.text() };
}
const json = async <T>(path: string): Promise<T> => JSON.parse((await get(path)).text) as T;

/** Web Mercator tile numbers, written here again so the test does not share the app's arithmetic */
function tile(lng: number, lat: number, z: number): [number, number] {
	const n = 2 ** z;
	const rad = (lat * Math.PI) / 180;
	return [
		Math.floor(((lng + 180) / 360) * n),
		Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n)
	];
}

/** every tile at zoom z over the points, fetched: their answers */
async function tilesOver(points: [number, number][], z: number, query: string): Promise<Tile[]> {
	const xs = points.map((p) => tile(p[0], p[1], z));
	const [x0, x1] = [Math.min(...xs.map((t) => t[0])), Math.max(...xs.map((t) => t[0]))];
	const [y0, y1] = [Math.min(...xs.map((t) => t[1])), Math.max(...xs.map((t) => t[1]))];
	const answers: Tile[] = [];
	for (let x = x0; x <= x1; x++)
		for (let y = y0; y <= y1; y++)
			answers.push(await json<Tile>(`/api/homes?${query}&z=${z}&x=${x}&y=${y}`));
	return answers;
}

/** An upload as the data page sends it with JavaScript: pieces, then the streamed read, polled. */
async function upload(kind: string, name: string, mode: 'all' | 'partial', text: string) {
	const body = Buffer.from(text);
	const send = (path: string, init: RequestInit = {}) =>
		fetch(server.origin + path, {
			...init,
			headers: { cookie, ...(init.headers as Record<string, string>) }
		});
	const started = await send('/admin/data/uploads', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ kind, name, mode, size: body.length })
	});
	expect(started.status).toBe(201);
	const { id, chunkBytes } = (await started.json()) as { id: string; chunkBytes: number };
	const received: number[] = [];
	for (let offset = 0; offset < body.length; offset += chunkBytes) {
		const piece = await send(`/admin/data/uploads/${id}?offset=${offset}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/octet-stream' },
			body: body.subarray(offset, offset + chunkBytes)
		});
		expect(piece.status).toBe(200);
		received.push(((await piece.json()) as { received: number }).received);
	}
	const finished = await send(`/admin/data/uploads/${id}`, { method: 'POST' });
	expect(finished.status).toBe(202);
	const states: string[] = [];
	let status = (await finished.json()) as {
		state: string;
		rows: number;
		read: number;
		size: number;
		report?: {
			written: boolean;
			inserted: number;
			rejectedTotal: number;
			rejected: { line: number }[];
		};
		message?: string;
	};
	while (status.state === 'reading' || status.state === 'writing') {
		states.push(status.state);
		await new Promise((resolve) => setTimeout(resolve, 50));
		status = (await (await send(`/admin/data/uploads/${id}`)).json()) as typeof status;
	}
	return { id, received, states, status, send };
}

const header = 'name,community,lng,lat,households,residents,elderly_60plus,children_0_3';

async function residences(): Promise<Feature[]> {
	return (await json<{ features: Feature[] }>('/api/residences.geojson')).features;
}
async function uncoveredCount(): Promise<number> {
	const collection = await json<{ features: Feature[] }>(
		'/admin/coverage.geojson?category=meal&speed=standard'
	);
	return collection.features.filter((f) => f.properties.kind === 'uncovered_residence').length;
}

test.beforeAll(async () => {
	test.setTimeout(240_000);
	removeDatabase(database);
	server = await startServer({
		buildDir: existsSync(`${privateBuild}/index.js`) ? privateBuild : 'build',
		database,
		env: { LOGIN_LIMIT_PER_IP: '100000' },
		log: 'big-city-server',
		healthTimeoutMs: 180_000
	});
	const login = await fetch(`${server.origin}/api/v1/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.origin },
		body: JSON.stringify({ phone: '13900000099', password: demoPassword })
	});
	expect(login.status).toBe(200);
	cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
});

test.afterAll(async () => {
	await server?.stop();
	removeDatabase(database);
});

test('homes by tile: bounded answers, counted cells at low zoom, counts equal to a direct count', async () => {
	test.setTimeout(120_000);
	const homes = await residences();
	const points = homes.map((f) => f.geometry.coordinates);
	// every home once, whatever the zoom: the tiles' totals add up to the residences
	const wide = await tilesOver(points, 10, 'category=meal&which=all');
	expect(wide.reduce((sum, t) => sum + t.total, 0)).toBe(homes.length);
	for (const t of wide) {
		if (t.cells) {
			expect(t.cells.length).toBeLessThanOrEqual(16);
			expect(t.cells.reduce((sum, c) => sum + c.homes, 0)).toBe(t.total);
		} else expect(t.homes!.length).toBeLessThanOrEqual(500);
	}
	expect(
		wide.some((t) => t.cells !== null),
		'zoomed out, homes are counted in cells'
	).toBe(true);
	// the uncovered ones: the same number the GeoJSON export lists one by one
	const uncovered = await tilesOver(points, 10, 'category=meal&which=uncovered');
	expect(uncovered.reduce((sum, t) => sum + t.total, 0)).toBe(await uncoveredCount());

	// zoomed in on one uncovered home: it is there by id and name
	const export_ = await json<{ features: Feature[] }>('/admin/coverage.geojson?category=meal');
	const one = export_.features.find((f) => f.properties.kind === 'uncovered_residence')!;
	const [lng, lat] = one.geometry.coordinates;
	const [x, y] = tile(lng, lat, 17);
	const close = await json<Tile>(`/api/homes?category=meal&which=all&z=17&x=${x}&y=${y}`);
	expect(close.cells).toBeNull();
	const found = close.homes!.find((h) => h.id === one.properties.id);
	expect(found).toMatchObject({ name: one.properties.name, uncovered: true });

	// the public residences export filtered by a bounding box: exactly the homes inside
	const box = [lng - 0.01, lat - 0.01, lng + 0.01, lat + 0.01];
	const inside = points.filter(
		([x, y]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]
	).length;
	const boxed = await json<{ features: Feature[] }>(
		`/api/residences.geojson?bbox=${box.join(',')}`
	);
	expect(boxed.features.length).toBe(inside);
	expect(inside).toBeLessThan(homes.length);
	expect((await get('/api/residences.geojson?bbox=1,2,3')).status).toBe(400);
	expect((await get('/api/residences.geojson?bbox=5,5,1,1')).status).toBe(400);

	// bad tiles are a 400, and nobody signed out sees the homes
	expect((await get('/api/homes?category=meal&z=30&x=0&y=0')).status).toBe(400);
	expect((await get('/api/homes?category=meal&z=10&x=5000&y=0')).status).toBe(400);
	expect((await get('/api/homes?category=nope&z=10&x=0&y=0')).status).toBe(400);
	const anonymous = await fetch(`${server.origin}/api/homes?category=meal&z=10&x=0&y=0`, {
		redirect: 'manual'
	});
	expect(anonymous.status).not.toBe(200);
});

test('the admin pages do not grow with the uncovered homes', async () => {
	test.setTimeout(120_000);
	const paths = [
		'/admin/coverage?category=meal',
		'/admin/gaps?category=meal',
		'/admin/what-if?category=meal'
	];
	const sizes = async () => Promise.all(paths.map(async (p) => (await get(p)).text.length));
	const before = await sizes();
	const uncoveredBefore = await uncoveredCount();
	// 3,000 homes in one far corner of a community: outside every meal point's reach
	const code = (await json<{ features: Feature[] }>('/api/communities.geojson')).features[0]
		.properties.code as string;
	const [lng, lat] = (await residences())[0].geometry.coordinates;
	const rows = Array.from(
		{ length: 3000 },
		(_, i) =>
			`远郊新村${i},${code},${(lng + 0.3 + (i % 60) * 0.0004).toFixed(6)},${(lat + 0.3 + Math.floor(i / 60) * 0.0004).toFixed(6)},40,90,20,3`
	);
	const { status } = await upload('residences', 'far.csv', 'all', [header, ...rows].join('\n'));
	expect(status.report).toMatchObject({ written: true, inserted: 3000 });
	// the old engine answers until the new one (built in a worker thread) is swapped in
	await expect
		.poll(uncoveredCount, { timeout: 60_000 })
		.toBeGreaterThanOrEqual(uncoveredBefore + 3000);
	const after = await sizes();
	paths.forEach((path, i) =>
		expect(after[i], `${path}: ${before[i]} → ${after[i]} bytes`).toBeLessThan(
			before[i] * 1.1 + 8192
		)
	);
	// and the coverage page says how many there are, with the next page a link away
	const page = (await get('/admin/coverage?category=meal')).text;
	expect(page).toContain('rel="next"');
	expect(page).toContain(`（${await uncoveredCount()} 个）`);
});

test('exports and tiles: 304 for the ETag held, a new ETag after any data change', async () => {
	const [lng0, lat0] = (await residences())[0].geometry.coordinates;
	const [x0, y0] = tile(lng0, lat0, 12);
	const paths = [
		`/api/homes?category=meal&z=12&x=${x0}&y=${y0}`,
		'/api/residences.geojson',
		'/admin/coverage.geojson?category=meal',
		'/admin/coverage.csv',
		'/admin/service-points.csv'
	];
	const etags = new Map<string, string>();
	for (const path of paths) {
		const first = await get(path, { 'accept-encoding': 'gzip' });
		expect(first.status, path).toBe(200);
		const etag = first.headers.get('etag')!;
		expect(etag, path).toBeTruthy();
		etags.set(path, etag);
		const again = await get(path, { 'if-none-match': etag });
		expect(again.status, path).toBe(304);
		expect(again.text).toBe('');
	}
	// the planning exports are for the signed-in planner only
	expect((await get('/admin/coverage.csv')).headers.get('cache-control')).toContain('private');

	const code = (await json<{ features: Feature[] }>('/api/communities.geojson')).features[1]
		.properties.code as string;
	const [lng, lat] = (await residences())[5].geometry.coordinates;
	const { status } = await upload(
		'residences',
		'one.csv',
		'all',
		`${header}\n新建小区,${code},${lng + 0.0005},${lat},10,20,5,1\n`
	);
	expect(status.report).toMatchObject({ written: true, inserted: 1 });
	// the coverage answers' ETags move when the engine built from the new data is swapped in (a
	// worker thread builds it; until then the old engine answers, under its own version)
	for (const path of paths) {
		await expect
			.poll(
				async () => {
					const changed = await get(path, { 'if-none-match': etags.get(path)! });
					return changed.status === 200 && changed.headers.get('etag') !== etags.get(path);
				},
				{ message: path, timeout: 60_000 }
			)
			.toBe(true);
	}
});

test('an import larger than a request body: pieces, progress, a bad row in the middle changes nothing', async () => {
	test.setTimeout(120_000);
	const homes = await residences();
	const code = (await json<{ features: Feature[] }>('/api/communities.geojson')).features[2]
		.properties.code as string;
	const formula = '=HYPERLINK("http://example.com","点我")';
	const markup = '<img src=x onerror=alert(1)>楼';
	const rows = Array.from({ length: 6000 }, (_, i) => {
		const [lng, lat] = homes[i % homes.length].geometry.coordinates;
		const name =
			i === 10 ? `"${formula.replaceAll('"', '""')}"` : i === 11 ? markup : `流式小区${i}`;
		// row 3,000 (line 3,002 of the file) is bad: more households than residents
		const households = i === 3000 ? 500 : 30;
		return `${name},${code},${(lng + 0.0001).toFixed(6)},${lat.toFixed(6)},${households},60,10,2`;
	});
	const text = [header, ...rows].join('\n');
	expect(text.length, 'larger than BODY_SIZE_LIMIT (256K)').toBeGreaterThan(256 * 1024);

	const all = await upload('residences', 'many.csv', 'all', text);
	// the pieces arrived in order, each acknowledged with the bytes so far
	expect(all.received.length).toBeGreaterThan(1);
	expect(all.received.at(-1)).toBe(Buffer.byteLength(text));
	// progress: the whole file read, every row checked; nothing written
	expect(all.status).toMatchObject({ state: 'failed', rows: 6000, read: Buffer.byteLength(text) });
	expect(all.status.report).toMatchObject({ written: false, rejectedTotal: 1 });
	expect(all.status.report!.rejected[0].line).toBe(3002);
	expect((await residences()).length).toBe(homes.length);

	// a piece out of order is refused with how much arrived
	const stray = await all.send(`/admin/data/uploads/${all.id}?offset=5`, {
		method: 'PUT',
		headers: { 'content-type': 'application/octet-stream' },
		body: 'abc'
	});
	expect(stray.status).toBe(409);

	// "the good rows": 5,999 written, names stored as typed
	const partial = await upload('residences', 'many.csv', 'partial', text);
	expect(partial.status.report).toMatchObject({
		written: true,
		inserted: 5999,
		rejectedTotal: 1
	});
	const names = (await residences()).map((f) => f.properties.name);
	expect(names.length).toBe(homes.length + 5999);
	expect(names).toContain(formula);
	expect(names).toContain(markup);
	// the what-if picker finds the home named with markup and shows it as text
	const picker = (await get('/admin/what-if?category=meal&q=onerror')).text;
	expect(picker).toMatch(/&lt;img src=x onerror=alert\(1\)(&gt;|>)楼/);
	expect(picker).not.toContain('<img src=x onerror');

	// a service point named like a formula comes back from the CSV export neutralised
	const columns = (await get('/admin/service-points.csv')).text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)[0];
	const [lng, lat] = homes[0].geometry.coordinates;
	const pointUpload = await upload(
		'servicePoints',
		'points.csv',
		'all',
		`${columns}\n,=1+2,meal,${code},${lng},${lat},测试地址,0937-1234567,,1,1\n`
	);
	expect(pointUpload.status.report).toMatchObject({ written: true, inserted: 1 });
	expect((await get('/admin/service-points.csv')).text).toContain(`,"'=1+2",`);
});
