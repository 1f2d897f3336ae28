import { expect, test, type APIRequestContext } from '@playwright/test';
import { and, asc, eq, like as likeOp, not, notInArray } from 'drizzle-orm';
import Papa from 'papaparse';
import { schema, transaction } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { randomPhone, signedInClient } from './accounts-helpers';
import { bookOnBehalf, slotRunningNow } from './staff-helpers';

/**
 * CSV injection: text people type (guest names, point names) must reach a spreadsheet as text, never
 * as a formula, in every export; and the administrator's own export must import back unchanged.
 */
const shengli = '620201001002';
const formulas = ['=HYPERLINK("http://x","y")', '+1+1', '@SUM(A1)', '-2+3'];
// A leading tab or CR cannot be typed into the forms (they trim), so a fixture writes those names.
const controlPrefixed = ['\t=1+1', '\r=2+2'];
const marker = `注入${Date.now() % 100_000}`;

let admin: APIRequestContext;
let staff: APIRequestContext;

function rowsOf(csv: string): string[][] {
	expect(csv.startsWith('\uFEFF'), 'a BOM for spreadsheets').toBe(true);
	return Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
}

/** A cell is safe when a spreadsheet would not start a formula with it. */
function expectNeutralised(cell: string, typed: string) {
	expect(cell).toBe(`'${typed}`);
}

const { servicePoint } = schema;

/** The points whose name matches a like pattern (its text compared as it is: the marker is Chinese). */
function pointsNamed(like: string) {
	return withServerDb((db) =>
		db
			.select({
				id: servicePoint.id,
				name: servicePoint.name,
				lng: servicePoint.lng,
				lat: servicePoint.lat,
				address: servicePoint.address,
				phone: servicePoint.phone
			})
			.from(servicePoint)
			.where(likeOp(servicePoint.name, like))
			.orderBy(asc(servicePoint.id))
	);
}

test.beforeAll(async () => {
	admin = await signedInClient('13900000099');
	staff = await signedInClient('13900000011');
});

test.afterAll(async () => {
	await admin.dispose();
	await staff.dispose();
});

test('guest names that look like formulas are text in the day list CSV', async () => {
	const [{ id: pointId }] = await withServerDb((db) =>
		db
			.select({ id: servicePoint.id })
			.from(servicePoint)
			.where(
				and(
					eq(servicePoint.communityCode, shengli),
					eq(servicePoint.active, true),
					notInArray(servicePoint.id, [4, 23, 89, 192]),
					not(likeOp(servicePoint.name, '%注入%'))
				)
			)
			.orderBy(asc(servicePoint.id))
			.limit(1)
	);
	const slotId = await slotRunningNow(staff, pointId);
	// the running slot may be a seeded one that is full already: room for the guests below
	const raised = await staff.post(`/staff/points/${pointId}?/capacity`, {
		form: { slotId: String(slotId), capacity: '40' }
	});
	expect(raised.status()).toBe(200);
	for (const name of formulas)
		await bookOnBehalf(staff, pointId, slotId, { name, phone: randomPhone(), channel: 'desk' });
	const response = await staff.get(`/staff/points/${pointId}/day.csv`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('text/csv');
	const rows = rowsOf(await response.text());
	const names = rows.slice(1).map((r) => r[2]);
	for (const typed of formulas)
		expectNeutralised(
			names.find((n) => n.endsWith(typed))!,
			typed
		);
	expect(names.some((n) => /^[=+\-@\t\r]/.test(n))).toBe(false);
});

test('point names that look like formulas are text in every export, and the export imports back unchanged', async () => {
	const header =
		'id,name,category,community,lng,lat,address,phone,opening_text,accessible_entrance,active';
	const created = formulas.map((f) => `${f}${marker}`);
	const file = [
		header,
		...created.map(
			(name, i) =>
				`,${Papa.unparse([[name]])},legal,${shengli},98.2${i},39.8${i},测试路${i}号,0937-620111${i},,1,1`
		)
	].join('\n');
	const imported = await admin.post('/admin/data?/servicePoints', {
		multipart: {
			mode: 'all',
			file: { name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(file) }
		}
	});
	expect(imported.status(), (await imported.text()).slice(0, 300)).toBe(200);
	const points = await pointsNamed(`%${marker}`);
	expect(points.map((p) => p.name)).toEqual(created);
	// names with a leading tab or CR, written as a fixture (no form accepts them)
	await withServerDb((db) =>
		transaction(db, async (tx) => {
			for (const i of [0, 1])
				await tx
					.update(servicePoint)
					.set({ name: `${controlPrefixed[i]}${marker}` })
					.where(eq(servicePoint.id, points[i].id));
		})
	);
	const typed = [
		`${controlPrefixed[0]}${marker}`,
		`${controlPrefixed[1]}${marker}`,
		...created.slice(2)
	];

	const exported = await admin.get('/admin/service-points.csv');
	expect(exported.status()).toBe(200);
	const exportText = await exported.text();
	const exportRows = rowsOf(exportText);
	for (const name of typed)
		expectNeutralised(exportRows.find((r) => r[1].endsWith(name) && r[1] !== name)![1], name);
	// numeric columns stay numbers (no quote before a coordinate)
	expect(exportRows.slice(1).every((r) => /^-?\d+(\.\d+)?$/.test(r[4]))).toBe(true);

	const figures = await staff.get('/staff/figures.csv');
	expect(figures.status()).toBe(200);
	const figureNames = rowsOf(await figures.text()).map((r) => r[0]);
	for (const name of typed) expect(figureNames).toContain(`'${name}`);
	expect(figureNames.some((n) => /^[=+\-@\t\r]/.test(n))).toBe(false);

	const coverage = await admin.get('/admin/coverage.csv');
	expect(coverage.status()).toBe(200);
	expect(rowsOf(await coverage.text()).every((r) => !/^[=+\-@\t\r]/.test(r[1]))).toBe(true);

	// the administrator's own export, imported back as it is, leaves every point as it was
	const before = await pointsNamed('%');
	const again = await admin.post('/admin/data?/servicePoints', {
		multipart: {
			mode: 'all',
			file: { name: 'service-points.csv', mimeType: 'text/csv', buffer: Buffer.from(exportText) }
		}
	});
	expect(again.status(), (await again.text()).slice(0, 300)).toBe(200);
	const after = await pointsNamed('%');
	// a leading tab or CR is trimmed on import, like every imported cell; the formula text itself stays
	const expected = before.map((p) => ({ ...p, name: p.name.trim() }));
	expect(after).toEqual(expected);
	expect(after.some((p) => p.name.startsWith("'"))).toBe(false);
});
