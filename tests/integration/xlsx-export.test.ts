import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { signedInClient } from './accounts-helpers';

/**
 * The .xlsx beside each CSV (issue 20, item 9): headers in Chinese for people, the CSV's rows, and
 * text that looks like a formula kept as text (a string cell in the Text format, never a formula).
 */
const shengli = '620201001002';
const marker = `表格${Date.now() % 100_000}`;
const formulaName = `=HYPERLINK("http://x","y")${marker}`;

let admin: APIRequestContext;
let staff: APIRequestContext;

async function sheetOf(response: APIResponse): Promise<ExcelJS.Worksheet> {
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe(
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	);
	expect(response.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.xlsx"$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
	return workbook.worksheets[0];
}

const headerOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);

test.beforeAll(async () => {
	admin = await signedInClient('13900000099');
	staff = await signedInClient('13900000011');
	const file = [
		'id,name,category,community,lng,lat,address,phone,opening_text,accessible_entrance,active',
		`,${Papa.unparse([[formulaName]])},legal,${shengli},98.29,39.81,测试路1号,0937-6201111,,1,1`
	].join('\n');
	const imported = await admin.post('/admin/data?/servicePoints', {
		multipart: {
			mode: 'all',
			file: { name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(file) }
		}
	});
	expect(imported.status(), (await imported.text()).slice(0, 300)).toBe(200);
});

test.afterAll(async () => {
	await admin.dispose();
	await staff.dispose();
});

test('service points as .xlsx: Chinese headers, the CSV’s rows, a formula-like name kept as text', async () => {
	const sheet = await sheetOf(await admin.get('/admin/service-points.xlsx'));
	expect(headerOf(sheet)).toEqual([
		'编号',
		'名称',
		'服务类别',
		'社区代码',
		'经度（WGS84）',
		'纬度（WGS84）',
		'地址',
		'电话',
		'开放时间',
		'无障碍入口',
		'启用'
	]);
	const csv = (await (await admin.get('/admin/service-points.csv')).text()).replace(/^\uFEFF/, '');
	const csvRows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
	// the CSV keeps its documented English header for machines
	expect(csvRows[0][0]).toBe('id');
	expect(sheet.actualRowCount).toBe(csvRows.length);
	let found: ExcelJS.Cell | undefined;
	sheet.eachRow((row) => {
		const cell = row.getCell(2);
		if (cell.value === formulaName) found = cell;
	});
	expect(found, 'the imported point').toBeDefined();
	expect(found!.type).toBe(ExcelJS.ValueType.String);
	expect(found!.formula).toBeUndefined();
	expect(found!.numFmt).toBe('@');
	// coordinates stay numbers
	expect(typeof sheet.getCell('E2').value).toBe('number');
});

test('coverage and indicators as .xlsx have the CSV’s rows under Chinese headers', async () => {
	const coverage = await sheetOf(await admin.get('/admin/coverage.xlsx'));
	expect(headerOf(coverage).slice(0, 3)).toEqual(['社区代码', '社区名称', '街道（镇）']);
	expect(coverage.actualRowCount).toBe(1 + 48 * 8 * 2);
	const indicators = await sheetOf(await admin.get('/admin/indicators.xlsx'));
	expect(headerOf(indicators)).toContain('2025年目标');
	const csvLines = (await (await admin.get('/admin/indicators.csv')).text()).trim().split(/\r?\n/);
	expect(indicators.actualRowCount).toBe(csvLines.length);
});

test('staff figures and day list as .xlsx, and another community’s day list is refused', async () => {
	const figures = await sheetOf(await staff.get('/staff/figures.xlsx'));
	expect(headerOf(figures)[0]).toBe('服务点');
	const names: unknown[] = [];
	figures.eachRow((row, n) => n > 1 && names.push(row.getCell(1).value));
	expect(names).toContain(formulaName);
	const day = await sheetOf(await staff.get('/staff/points/4/day.xlsx'));
	expect(headerOf(day)).toHaveLength(6);
	const other = await signedInClient('13900000012');
	expect((await other.get('/staff/points/4/day.xlsx')).status()).toBe(403);
	await other.dispose();
});

test('a yearly ledger and the volunteer hours as .xlsx: the CSV’s rows under Chinese headers', async () => {
	const query = 'kind=target&key=meal';
	const ledger = await sheetOf(await admin.get(`/admin/ledger.xlsx?${query}`));
	expect(headerOf(ledger).slice(0, 3)).toEqual(['年度', '指标类型', '指标键']);
	const ledgerCsv = Papa.parse<string[]>(
		(await (await admin.get(`/admin/ledger.csv?${query}`)).text()).replace(/^\uFEFF/, ''),
		{ skipEmptyLines: true }
	).data;
	expect(ledger.actualRowCount).toBe(ledgerCsv.length);
	expect(ledger.getRow(2).getCell(2).value).toBe(ledgerCsv[1][1]);
	expect((await staff.get(`/admin/ledger.xlsx?${query}`)).status()).toBe(403);

	const month = new Date(Date.now() + 8 * 3_600_000 - 6 * 86_400_000).toISOString().slice(0, 7);
	const response = await staff.get(`/staff/volunteer-hours.xlsx?month=${month}`);
	const workbook = new ExcelJS.Workbook();
	await sheetOf(response);
	await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
	expect(workbook.worksheets.map((w) => w.name)).toEqual(['按志愿者', '按服务站']);
	const [byVolunteer, byStation] = workbook.worksheets;
	expect(headerOf(byVolunteer)).toEqual([
		'月份',
		'社区名称',
		'志愿服务站',
		'志愿者',
		'电话',
		'服务次数',
		'分钟',
		'小时'
	]);
	const volunteers: unknown[] = [];
	byVolunteer.eachRow((row, n) => n > 1 && volunteers.push(row.getCell(4).value));
	expect(volunteers).toContain('赵志愿');
	const csv = (
		await (await staff.get(`/staff/volunteer-hours.csv?month=${month}&by=station`)).text()
	)
		.trim()
		.split(/\r?\n/);
	expect(byStation.actualRowCount).toBe(csv.length);
});
