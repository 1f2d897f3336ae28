import Papa from 'papaparse';

/**
 * The one CSV writer of the portal. Every export goes through it, so that a text cell a spreadsheet
 * would run as a formula (CSV injection: `=HYPERLINK(…)`, `+1+1`, `-2+3`, `@SUM(A1)`, or a leading tab or
 * carriage return) is written with a leading `'`, which Excel and WPS show as text.
 *
 * The decision is per column type, taken from the cell's JavaScript type: numeric columns pass numbers,
 * which are never prefixed, so a negative coordinate or share stays a number a spreadsheet can sum; text
 * columns pass strings, which are neutralised whatever they look like (a name `-2+3` is not a number).
 * A text that already starts with `'` before such a character gets one more `'`, so that
 * `unescapeCsvCell` undoes exactly what was added and the administrator's export imports back unchanged.
 */
export type CsvCell = string | number | boolean | null | undefined;

const formulaStart = /^'*[=+\-@\t\r]/;

export function toCsv(
	fields: readonly string[],
	rows: readonly (readonly CsvCell[])[],
	options: { bom?: boolean; newline?: string } = {}
): string {
	const csv = Papa.unparse(
		{ fields: [...fields], data: rows.map((row) => [...row]) },
		{ escapeFormulae: formulaStart, newline: options.newline ?? '\r\n' }
	);
	// A BOM so that spreadsheet programs read the Chinese as UTF-8.
	return (options.bom ?? true) ? '\uFEFF' + csv : csv;
}

/** The text as typed before `toCsv` neutralised it (used when a CSV of ours is imported back). */
export function unescapeCsvCell(value: string): string {
	return value.startsWith("'") && formulaStart.test(value) ? value.slice(1) : value;
}
