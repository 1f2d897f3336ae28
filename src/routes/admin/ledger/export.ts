import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requirePlanner } from '$lib/server/planning/scope';
import * as ledger from '$lib/server/ledger';

/**
 * The yearly ledger asked for by ?year=&kind=area|target|indicator&key= as a table, and the name of
 * its download without the extension: what ledger.csv and ledger.xlsx both write.
 */
export async function ledgerExport(event: RequestEvent) {
	const { scope } = await requirePlanner(event);
	const year = ledger.ledgerYear(event.url);
	const kind = event.url.searchParams.get('kind') ?? '';
	const key = event.url.searchParams.get('key') ?? '';
	if (!kind || !key)
		error(400, { code: 'invalid_input', message: m.error_bad_parameter({ name: 'kind' }) });
	const found = await ledger.ledgerOf(event.locals.db, scope, kind, key, year);
	const table =
		found.type === 'area'
			? ledger.areaLedgerTable(found.ledger)
			: ledger.targetLedgerTable(found.ledger);
	return { table, year, name: `ledger-${year}-${kind}-${key.replace(/[^\w-]/g, '')}` };
}
