import ExcelJS from 'exceljs';

/**
 * The one .xlsx writer of the portal (exceljs), beside the CSV writer (../csv.ts): every spreadsheet
 * export goes through `toXlsx`. The CSVs keep their documented English headers for machines; the
 * .xlsx files are for people and carry headers in the reader's language (Chinese by default).
 *
 * Formula neutralising: a cell is written as a formula only when a caller builds one, which no caller
 * does: every text is a string cell, shown as typed. A text that a spreadsheet would start a formula
 * with when someone edits the cell and presses Enter (`=`, `+`, `-`, `@`, a leading tab or carriage
 * return) is also given the Text number format (`@`), so Excel and WPS keep it text even then. Unlike
 * the CSV, no `'` is added: in an .xlsx it would be a visible character of the value.
 */
export type SheetCell = string | number | boolean | Date | null | undefined;

export interface Sheet {
	/** the worksheet's tab (cut to Excel's 31 characters, without the characters it forbids) */
	name: string;
	columns: readonly string[];
	rows: readonly (readonly SheetCell[])[];
}

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const formulaStart = /^[=+\-@\t\r]/;
/** characters XML 1.0 cannot carry: a cell holding one would make the whole file unreadable */
// eslint-disable-next-line no-control-regex
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** Excel's limit per cell */
const maxCellChars = 32_767;

/** True when a spreadsheet would run this text as a formula if it were typed in. */
export function looksLikeFormula(text: string): boolean {
	return formulaStart.test(text);
}

function sheetName(name: string, taken: Set<string>): string {
	const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
	let candidate = base;
	for (let i = 2; taken.has(candidate.toLowerCase()); i++)
		candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
	taken.add(candidate.toLowerCase());
	return candidate;
}

function writeCell(cell: ExcelJS.Cell, value: SheetCell): void {
	if (value === null || value === undefined) return;
	if (typeof value === 'number') {
		// NaN and infinities are no numbers a spreadsheet can show: left empty
		if (Number.isFinite(value)) cell.value = value;
		return;
	}
	if (typeof value === 'boolean' || value instanceof Date) {
		cell.value = value;
		return;
	}
	const text = value.replace(notXml, '').slice(0, maxCellChars);
	cell.value = text;
	if (looksLikeFormula(text)) cell.numFmt = '@';
}

/** One workbook with a worksheet per sheet: a bold, frozen header row, then the rows. */
export async function toXlsx(sheets: Sheet | readonly Sheet[]): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Lifecircle';
	workbook.created = new Date(0);
	const taken = new Set<string>();
	const list: readonly Sheet[] = 'columns' in sheets ? [sheets] : sheets;
	for (const sheet of list) {
		const worksheet = workbook.addWorksheet(sheetName(sheet.name, taken), {
			views: [{ state: 'frozen', ySplit: 1 }]
		});
		const header = worksheet.getRow(1);
		sheet.columns.forEach((column, i) => writeCell(header.getCell(i + 1), column));
		header.font = { bold: true };
		sheet.rows.forEach((row, r) => {
			const line = worksheet.getRow(r + 2);
			row.forEach((value, i) => writeCell(line.getCell(i + 1), value));
		});
		sheet.columns.forEach((column, i) => {
			// CJK characters are about two Latin ones wide
			const width = Math.max(
				...[column, ...sheet.rows.slice(0, 200).map((row) => row[i])].map(displayWidth)
			);
			worksheet.getColumn(i + 1).width = Math.min(Math.max(width + 2, 8), 60);
		});
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function displayWidth(value: SheetCell): number {
	if (value === null || value === undefined) return 0;
	const text = value instanceof Date ? value.toISOString() : String(value);
	let width = 0;
	for (const char of text) width += char.charCodeAt(0) > 0x2e7f ? 2 : 1;
	return width;
}

/** A download of an .xlsx (never cached by a shared cache: exports hold names and figures). */
export function xlsxResponse(body: Uint8Array, filename: string): Response {
	return new Response(body as BodyInit, {
		headers: {
			'content-type': xlsxContentType,
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
}
export { columnHeaders, hasHeader } from './headers';
