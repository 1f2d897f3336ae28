// The plan's ledger (台账): monthly and on-demand snapshots of the targets and the indicator table,
// their history on /admin, and the yearly ledger per target and per street or community.
export {
	ensureMonthlySnapshot,
	ledgerValues,
	localMonth,
	takeSnapshot,
	type LedgerLevel,
	type LedgerValue,
	type SnapshotResult
} from './snapshot';
export {
	areaLedger,
	categoriesOfTarget,
	findArea,
	firstLedgerYear,
	gapOf,
	lastLedgerYear,
	ledgerAreas,
	missingOf,
	targetHistory,
	targetLedger,
	type LedgerArea
} from './view';
export {
	areaLedgerCsv,
	targetLedgerCsv,
	areaLedgerTable,
	targetLedgerTable,
	type LedgerTable
} from './csv';
export { startLedgerSchedule } from './schedule';
export { currentYear, indicatorKeys, ledgerOf, ledgerYear, targetKeys } from './params';
