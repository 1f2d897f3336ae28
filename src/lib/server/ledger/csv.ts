import { toCsv, type CsvCell } from '../csv';
import type { LedgerProject } from './view';
import type { areaLedger, targetLedger } from './view';

// The ledger as a table (machine column names, values as numbers: shares 0–1, project titles joined
// by ' / ' as text), written as CSV through the one CSV writer and as .xlsx through the spreadsheet
// module (headers in the reader's language); both neutralise formulae.

export interface LedgerTable {
	columns: readonly string[];
	rows: CsvCell[][];
}

const titles = (projects: readonly LedgerProject[]) => projects.map((p) => p.title).join(' / ');
const iso = (ms: number) => new Date(ms).toISOString();

/** One row per target or indicator and snapshot of the year (long format: pivot in a spreadsheet). */
export function areaLedgerTable(ledger: Awaited<ReturnType<typeof areaLedger>>): LedgerTable {
	const rows: CsvCell[][] = ledger.lines.flatMap((line) =>
		ledger.snapshots.map((s, i) => [
			ledger.year,
			ledger.area.level,
			ledger.area.code,
			ledger.area.name,
			line.kind,
			line.key,
			line.unit,
			iso(s.takenAt),
			s.kind,
			line.series[i],
			line.goal,
			line.series[i] === null ? null : Math.max(0, line.goal - (line.series[i] as number)),
			line.missing,
			titles(line.projects),
			line.openNeeds,
			line.supporters
		])
	);
	return {
		columns: [
			'year',
			'level',
			'area_code',
			'area_name',
			'kind',
			'key',
			'unit',
			'snapshot_at',
			'snapshot_kind',
			'value',
			'goal',
			'gap',
			'missing_latest',
			'projects',
			'open_needs',
			'open_needs_supporters'
		],
		rows
	};
}

/** One row per area at the year's latest snapshot. */
export function targetLedgerTable(ledger: Awaited<ReturnType<typeof targetLedger>>): LedgerTable {
	const rows: CsvCell[][] = ledger.rows.map((r) => [
		ledger.year,
		ledger.kind,
		ledger.key,
		ledger.unit,
		ledger.snapshot ? iso(ledger.snapshot.takenAt) : null,
		r.area.level,
		r.area.code,
		r.area.name,
		r.value,
		r.goal,
		r.met === null ? null : r.met ? 1 : 0,
		r.gap,
		r.missing,
		titles(r.projects),
		r.openNeeds,
		r.supporters
	]);
	return {
		columns: [
			'year',
			'kind',
			'key',
			'unit',
			'snapshot_at',
			'level',
			'area_code',
			'area_name',
			'value',
			'goal',
			'met',
			'gap',
			'missing',
			'projects',
			'open_needs',
			'open_needs_supporters'
		],
		rows
	};
}

export function areaLedgerCsv(ledger: Awaited<ReturnType<typeof areaLedger>>): string {
	const { columns, rows } = areaLedgerTable(ledger);
	return toCsv(columns, rows);
}

export function targetLedgerCsv(ledger: Awaited<ReturnType<typeof targetLedger>>): string {
	const { columns, rows } = targetLedgerTable(ledger);
	return toCsv(columns, rows);
}
