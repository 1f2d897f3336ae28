import { expect, test, type APIRequestContext } from '@playwright/test';
import { and, desc, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { schema, transaction } from '../../src/lib/server/db';
import { countRows, withServerDb } from '../support/test-server-db';
import { signedInClient, streetPlanner } from './accounts-helpers';

// The plan's ledger (台账) over HTTP: who records and reads it, bad input, CSV injection; and a
// project that completes by creating its service point, with its coverage before → after.

const { auditLog, ledgerSnapshot, project, servicePoint } = schema;
const shengli = '620201001002'; // 雄关街道
const xiongguan = '620201001';
const otherStreetCommunity = '620201002004'; // 五一社区, 钢城街道

let admin: APIRequestContext;
let staff: APIRequestContext;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	admin = await signedInClient('13900000099');
	staff = await signedInClient('13900000011');
});

test.afterAll(async () => {
	await admin.dispose();
	await staff.dispose();
});

async function makeProject(title: string, extra: Record<string, string> = {}) {
	const response = await staff.post('/staff/projects/new', {
		form: {
			community: shengli,
			title,
			category: 'meal',
			place: '胜利路 8 号',
			responsibleUnit: '胜利社区居委会',
			plannedStart: '2026-12-01',
			plannedEnd: '2027-03-31',
			...extra
		},
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return Number(response.headers().location.split('/').pop());
}

test('only an administrator records the ledger on demand; it is audited and the history shows it', async () => {
	const before = await countRows(ledgerSnapshot);
	const street = await streetPlanner(admin, xiongguan);
	for (const client of [staff, street]) {
		const refused = await client.post('/admin?/snapshot', { form: {}, maxRedirects: 0 });
		expect(refused.status()).toBe(403);
	}
	expect(await countRows(ledgerSnapshot)).toBe(before);

	const taken = await admin.post('/admin?/snapshot', { form: {} });
	expect(taken.status()).toBe(200);
	expect(await countRows(ledgerSnapshot)).toBe(before + 1);
	const [last] = await withServerDb((db) =>
		db.select().from(ledgerSnapshot).orderBy(desc(ledgerSnapshot.id)).limit(1)
	);
	expect(last).toMatchObject({ kind: 'manual', monthlyKey: null });
	expect(
		await countRows(
			auditLog,
			and(eq(auditLog.action, 'ledger_snapshot'), eq(auditLog.entityId, String(last.id)))
		)
	).toBe(1);
	const page = await (await admin.get('/admin')).text();
	expect(page).toContain('data-testid="target-chart"');
	expect(page).toContain('data-testid="take-snapshot"');
	// street planners see the history of their street, without the button
	const theirs = await (await street.get('/admin')).text();
	expect(theirs).toContain('data-testid="target-chart"');
	expect(theirs).not.toContain('data-testid="take-snapshot"');
	await street.dispose();
});

test("a street planner reads their street's ledger only: not the city's, not another street's", async () => {
	const street = await streetPlanner(admin, xiongguan);
	expect((await street.get(`/admin/ledger/area/${xiongguan}`)).status()).toBe(200);
	expect((await street.get(`/admin/ledger/area/${shengli}`)).status()).toBe(200);
	for (const path of [
		'/admin/ledger/area/city',
		`/admin/ledger/area/${otherStreetCommunity}`,
		'/admin/ledger/area/620201002',
		`/admin/ledger.csv?kind=area&key=city`
	])
		expect((await street.get(path)).status(), path).toBe(403);
	const byTarget = await (await street.get('/admin/ledger/target/meal')).text();
	expect(byTarget).toContain(`data-area="${shengli}"`);
	expect(byTarget).not.toContain(`data-area="${otherStreetCommunity}"`);
	expect(byTarget).not.toContain('data-area="city"');
	await street.dispose();
});

test('bad input: a clear 4xx in the user’s language, never a 500', async () => {
	for (const [path, status] of [
		['/admin/ledger?year=abc', 400],
		['/admin/ledger?year=1999', 400],
		['/admin/ledger/area/city?year=20261', 400],
		['/admin/ledger/nonsense/meal', 404],
		['/admin/ledger/target/nonsense', 404],
		['/admin/ledger/indicator/meal', 404],
		['/admin/ledger/area/999999999999', 404],
		['/admin/ledger/area/%3Cscript%3E', 404],
		['/admin/ledger.csv', 400],
		['/admin/ledger.csv?kind=target&key=nonsense', 404],
		['/admin/ledger.csv?kind=target&key=meal&year=x', 400]
	] as const) {
		const response = await admin.get(path);
		expect(response.status(), path).toBe(status);
		expect(await response.text(), path).toMatch(/[\u4e00-\u9fff]/);
	}
});

test('the yearly ledger lists the projects addressing a target; its CSV neutralises formulae', async () => {
	const title = `=HYPERLINK("http://evil","助餐${Date.now() % 100000}")`;
	const id = await makeProject(title);
	await admin.post('/admin?/snapshot', { form: {} });
	const html = await (await admin.get(`/admin/ledger/area/${shengli}`)).text();
	expect(html).toContain(`href="/projects/${id}"`);
	// the title is text on the page, never markup
	expect(html).toContain(`>${title}</a>`);
	for (const path of [
		`/admin/ledger.csv?kind=area&key=${shengli}`,
		`/admin/ledger.csv?kind=target&key=meal`
	]) {
		const response = await admin.get(path);
		expect(response.headers()['content-type']).toContain('text/csv');
		const rows = Papa.parse<string[]>((await response.text()).replace(/^\uFEFF/, ''), {
			skipEmptyLines: true
		}).data;
		const column = rows[0].indexOf('projects');
		const cells = rows.map((r) => r[column]).filter((c) => c.includes('HYPERLINK'));
		expect(cells.length, path).toBeGreaterThan(0);
		for (const cell of cells) expect(cell, path).not.toMatch(/^[=+\-@]/);
	}
	await withServerDb((db) =>
		transaction(db, (tx) =>
			tx.update(project).set({ status: 'terminated' }).where(eq(project.id, id))
		)
	);
});

test('completing a project creates its service point, and the page shows coverage before → after', async () => {
	const id = await makeProject('胜利社区新建老年助餐点（测试）', {
		lng: '98.2755',
		lat: '39.8032'
	});
	// another community's staff cannot complete it: nothing written
	const other = await signedInClient('13900000012');
	const points = await countRows(servicePoint);
	const refused = await other.post(`/staff/projects/${id}`, {
		form: { status: 'completed', createPoint: 'on' },
		maxRedirects: 0
	});
	expect(refused.status()).toBe(403);
	await other.dispose();
	// a bad name is refused with its message, nothing written
	const bad = await staff.post(`/staff/projects/${id}`, {
		form: { status: 'completed', createPoint: 'on', pointName: 'x'.repeat(101) }
	});
	expect(bad.status()).toBe(400);
	expect(await countRows(servicePoint)).toBe(points);

	const done = await staff.post(`/staff/projects/${id}`, {
		form: { status: 'completed', createPoint: 'on', pointName: '胜利社区长者食堂（测试）' }
	});
	expect(done.status()).toBe(200);
	expect(await countRows(servicePoint)).toBe(points + 1);
	const [row] = await withServerDb((db) =>
		db.select().from(project).where(eq(project.id, id)).limit(1)
	);
	expect(row.status).toBe('completed');
	const [point] = await withServerDb((db) =>
		db.select().from(servicePoint).where(eq(servicePoint.id, row.servicePointId!)).limit(1)
	);
	expect(point).toMatchObject({
		name: '胜利社区长者食堂（测试）',
		categoryCode: 'meal',
		communityCode: shengli,
		lng: 98.2755,
		lat: 39.8032,
		address: '胜利路 8 号'
	});
	const page = await (await admin.get(`/projects/${id}`)).text();
	expect(page).toContain('data-testid="project-coverage"');
	expect(page).toContain(`href="/service-points/${point.id}"`);
	// the new point is public data: on the map's GeoJSON
	const geojson = await (
		await admin.get(`/api/service-points.geojson?community=${shengli}`)
	).json();
	expect(geojson.features.some((f: { id: number }) => f.id === point.id)).toBe(true);
	// tidy: the test city keeps its demo points only
	await withServerDb((db) =>
		transaction(db, (tx) =>
			tx.update(servicePoint).set({ active: false }).where(eq(servicePoint.id, point.id))
		)
	);
});

test("the gaps page puts the residents' open needs beside the coverage gaps", async () => {
	const html = await (await admin.get('/admin/gaps?category=meal')).text();
	expect(html).toContain('data-testid="gap-needs"');
	expect(html).toContain('data-testid="gap-demand"');
});

test("the demo's completed project, seeded before any engine, shows its point's coverage before → after", async () => {
	const [demo] = await withServerDb((db) =>
		db
			.select({ id: project.id, servicePointId: project.servicePointId })
			.from(project)
			.where(and(eq(project.status, 'completed'), eq(project.title, '胜利社区老年助餐点')))
			.limit(1)
	);
	expect(demo.servicePointId).not.toBeNull();
	const html = await (await admin.get(`/projects/${demo.id}`)).text();
	expect(html).toContain('data-testid="project-coverage"');
	// worked out once and kept with the project
	const [kept] = await withServerDb((db) =>
		db.select({ coverage: project.coverage }).from(project).where(eq(project.id, demo.id))
	);
	expect(kept.coverage?.tierMinutes).toBeGreaterThan(0);
});
