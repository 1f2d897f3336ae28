import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnHeaders, hasHeader, looksLikeFormula, toXlsx } from '.';

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	return workbook;
}

const typedFormulas = [
	'=HYPERLINK("http://x","y")',
	'+1+1',
	'-2+3',
	'@SUM(A1)',
	'\t=1+1',
	'\r=2+2'
];

describe('toXlsx', () => {
	it('writes Chinese headers and the rows, numbers as numbers', async () => {
		const workbook = await open(
			await toXlsx({
				name: '覆盖率',
				columns: ['社区', '户数', '覆盖率'],
				rows: [
					['胜利社区', 1200, 0.85],
					['五一社区', null, -0.5]
				]
			})
		);
		const sheet = workbook.getWorksheet('覆盖率')!;
		expect(sheet.getRow(1).values).toEqual([undefined, '社区', '户数', '覆盖率']);
		expect(sheet.getCell('A2').value).toBe('胜利社区');
		expect(sheet.getCell('B2').value).toBe(1200);
		expect(sheet.getCell('C3').value).toBe(-0.5);
		expect(sheet.getCell('C3').type).toBe(ExcelJS.ValueType.Number);
		expect(sheet.getCell('B3').value).toBeNull();
	});

	it('neutralises text a spreadsheet would run as a formula: a text cell, Text format, as typed', async () => {
		const workbook = await open(
			await toXlsx({ name: 'x', columns: ['name'], rows: typedFormulas.map((t) => [t]) })
		);
		const sheet = workbook.worksheets[0];
		typedFormulas.forEach((typed, i) => {
			const cell = sheet.getCell(i + 2, 1);
			expect(cell.type).toBe(ExcelJS.ValueType.String);
			expect(cell.formula).toBeUndefined();
			// XML reads a carriage return back as a line feed: still a line break, still text
			expect(cell.value).toBe(typed.replace('\r', '\n'));
			expect(cell.numFmt).toBe('@');
		});
	});

	it('leaves ordinary text in the General format, and no formula anywhere in the file', async () => {
		const bytes = await toXlsx({
			name: 'x',
			columns: ['a'],
			rows: [['胜利社区老年助餐点'], ['=1+1']]
		});
		const sheet = (await open(bytes)).worksheets[0];
		expect(sheet.getCell('A2').numFmt).toBeUndefined();
		// the sheet's XML has no <f> (formula) element at all
		const { default: JSZip } = await import('jszip');
		const zip = await JSZip.loadAsync(bytes);
		const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
		expect(xml).not.toMatch(/<f[ >]/);
	});

	it('drops characters XML cannot carry instead of writing an unreadable file', async () => {
		const sheet = (
			await open(await toXlsx({ name: 'x', columns: ['a'], rows: [['a\u0001b\u0000c']] }))
		).worksheets[0];
		expect(sheet.getCell('A2').value).toBe('abc');
	});

	it('keeps sheet names within Excel’s rules, one tab per sheet', async () => {
		const workbook = await open(
			await toXlsx([
				{ name: 'a/b:c*?[d]', columns: ['x'], rows: [] },
				{ name: 'a/b:c*?[d]', columns: ['x'], rows: [] },
				{ name: '很长的名字'.repeat(10), columns: ['x'], rows: [] }
			])
		);
		const names = workbook.worksheets.map((s) => s.name);
		expect(names[0]).toBe('a b c   d ');
		expect(names[1]).not.toBe(names[0]);
		expect(names[2].length).toBeLessThanOrEqual(31);
	});

	it('recognises the formula starts the CSV writer neutralises', () => {
		for (const typed of typedFormulas) expect(looksLikeFormula(typed)).toBe(true);
		for (const plain of ['胜利', '1.5', "'=x", ' =x']) expect(looksLikeFormula(plain)).toBe(false);
	});
});

describe('column headers', () => {
	it('every column of the planning exports has a reader’s name', async () => {
		const { coverageColumns } = await import('../planning/coverage-export');
		const { indicatorColumns } = await import('../indicators');
		const { servicePointColumns } = await import('../planning/data-columns');
		for (const column of [...coverageColumns, ...indicatorColumns, ...servicePointColumns])
			expect(hasHeader(column), column).toBe(true);
		expect(columnHeaders(['lng', 'no_such_column'])).toEqual(['经度（WGS84）', 'no_such_column']);
	});
});
