import { toCsv, type CsvCell } from '../csv';
import type { LedgerProject } from './view';
import type { areaLedger, targetLedger } from './view';

// The ledger as CSV, through the one writer (formulae neutralised): machine column names, values as
// numbers (shares 0–1), project titles joined by ' / ' as text.

const titles = (projects: readonly LedgerProject[]) => projects.map((p) => p.title).join(' / ');
const iso = (ms: number) => new Date(ms).toISOString();

/** One row per target or indicator and snapshot of the year (long format: pivot in a spreadsheet). */
export function areaLedgerCsv(ledger: Awaited<ReturnType<typeof areaLedger>>): string {
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
	return toCsv(
		[
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
	);
}

/** One row per area at the year's latest snapshot. */
export function targetLedgerCsv(ledger: Awaited<ReturnType<typeof targetLedger>>): string {
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
	return toCsv(
		[
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
	);
}
