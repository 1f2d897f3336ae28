import type { PageServerLoad } from './$types';
import { requirePlanner } from '$lib/server/planning/scope';
import * as ledger from '$lib/server/ledger';

/** The ledger's index: the year, then one page per target or indicator and per street or community. */
export const load: PageServerLoad = async (event) => {
	const { scope } = await requirePlanner(event);
	const year = ledger.ledgerYear(event.url);
	return {
		year,
		firstYear: ledger.firstLedgerYear,
		thisYear: ledger.currentYear(),
		targetKeys: ledger.targetKeys,
		indicatorKeys: ledger.indicatorKeys,
		areas: ledger
			.ledgerAreas(scope)
			.map((a) => ({ level: a.level, code: a.code || 'city', name: a.name }))
	};
};
