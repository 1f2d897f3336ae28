import type { Db } from '../db';
import type { CommunitySummary } from '../directory/communities';
import { toCsv, type CsvCell } from '../csv';
import type { IndicatorRow } from './definitions';
import { indicatorsFor } from './view';

/**
 * The indicator table as CSV: one row per level (the scope as a whole, each street, each community)
 * and indicator, with base, value, target and status; community rows also say whether their facts
 * are missing or stale and when they were confirmed. Machine column names, as coverage.csv.
 */
export async function indicatorsCsv(
	db: Db,
	communities: readonly CommunitySummary[],
	now = Date.now()
): Promise<string> {
	return toCsv(indicatorColumns, await indicatorRows(db, communities, now));
}

/** indicators.csv's documented column names (the .xlsx shows them in the reader's language) */
export const indicatorColumns = [
	'level',
	'code',
	'name',
	'street',
	'indicator',
	'unit',
	'over',
	'base_2020',
	'value',
	'target_2025',
	'status',
	'communities_reported',
	'communities_total',
	'facts_state',
	'facts_confirmed_at'
] as const;

/** The indicator table's rows, in `indicatorColumns` order. */
export async function indicatorRows(
	db: Db,
	communities: readonly CommunitySummary[],
	now = Date.now()
): Promise<CsvCell[][]> {
	const view = await indicatorsFor(db, communities, now);
	const line = (
		level: string,
		code: string,
		name: string,
		street: string,
		row: IndicatorRow,
		state: CsvCell = null,
		confirmedAt: CsvCell = null
	): CsvCell[] => [
		level,
		code,
		name,
		street,
		row.key,
		row.unit,
		row.over,
		row.base,
		row.value,
		row.target,
		row.status,
		row.reported,
		row.total,
		state,
		confirmedAt
	];
	const data: CsvCell[][] = [
		...view.total.map((row) => line('scope', '', '', '', row)),
		...view.streets.flatMap((s) =>
			s.rows.map((row) => line('street', s.code, s.name, s.name, row))
		),
		...view.communities.flatMap((c) =>
			c.rows.map((row) =>
				line(
					'community',
					c.code,
					c.name,
					c.streetName,
					row,
					c.state,
					c.facts?.confirmedAt.toISOString() ?? null
				)
			)
		)
	];
	return data;
}
