import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeForStatus, codes, codesTable, type Code } from './codes';

/** A markdown table's body rows (after the header and its rule): the cells of each, trimmed. */
function rows(table: string): string[][] {
	return table
		.split('\n')
		.filter((line) => line.startsWith('|'))
		.slice(2)
		.map((line) =>
			line
				.slice(1, -1)
				.split('|')
				.map((cell) => cell.trim())
		);
}

/** The README table under `heading`. */
function readmeRows(heading: string): string[][] {
	const readme = readFileSync('README.md', 'utf8');
	return rows(readme.split(/^## /m).find((part) => part.startsWith(heading)) ?? '');
}

describe('the table of refusal codes', () => {
	it('is the one README shows, row for row', () => {
		const documented = readmeRows('Error codes');
		expect(documented).toEqual(rows(codesTable()));
	});

	it('gives a status-only answer the code its status means', () => {
		expect(codeForStatus(404)).toBe('not_found');
		expect(codeForStatus(405)).toBe('method_not_allowed');
		expect(codeForStatus(503)).toBe('busy');
		expect(codeForStatus(500)).toBe('unexpected');
		expect(codeForStatus(502)).toBe('unexpected');
		for (const status of [400, 401, 403, 404, 405, 410, 413, 415, 429]) {
			expect(codes[codeForStatus(status) as Code].status).toBe(status);
		}
	});
});
