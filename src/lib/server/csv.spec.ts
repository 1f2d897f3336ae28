import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { toCsv, unescapeCsvCell } from './csv';

const dangerous = [
	'=HYPERLINK("http://x","y")',
	'+1+1',
	'-2+3',
	'@SUM(A1)',
	'\t=1+1',
	'\r=1+1',
	'=a\nb'
];

function cells(csv: string): string[][] {
	return Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

describe('the CSV writer', () => {
	it('writes every text cell that starts like a formula with a leading quote', () => {
		const [, ...rows] = cells(
			toCsv(
				['name'],
				dangerous.map((d) => [d])
			)
		);
		expect(rows.map((r) => r[0])).toEqual(dangerous.map((d) => `'${d}`));
	});

	it('leaves numbers of numeric columns as numbers, negative ones too', () => {
		const [, row] = cells(toCsv(['lng', 'share', 'name'], [[-97.5, -0.25, '王阿姨']]));
		expect(row).toEqual(['-97.5', '-0.25', '王阿姨']);
	});

	it('undoes exactly what it added, even for a text that starts with a quote', () => {
		const texts = [...dangerous, "'=already quoted", "''+two", "it's", 'plain', "'"];
		const [, ...rows] = cells(
			toCsv(
				['t'],
				texts.map((t) => [t])
			)
		);
		expect(rows.map((r) => unescapeCsvCell(r[0]))).toEqual(texts);
	});

	it('starts with a BOM unless asked not to', () => {
		expect(toCsv(['a'], [])).toMatch(/^\uFEFFa/);
		expect(toCsv(['a'], [], { bom: false })).toMatch(/^a\s*$/);
	});
});
