import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requirePlanner } from '$lib/server/planning/scope';
import * as ledger from '$lib/server/ledger';

/** GET /admin/ledger.csv?year=&kind=area|target|indicator&key=: a yearly ledger as CSV (formulae neutralised). */
export const GET: RequestHandler = async (event) => {
	const { scope } = await requirePlanner(event);
	const year = ledger.ledgerYear(event.url);
	const kind = event.url.searchParams.get('kind') ?? '';
	const key = event.url.searchParams.get('key') ?? '';
	if (!kind || !key)
		error(400, { code: 'invalid_input', message: m.error_bad_parameter({ name: 'kind' }) });
	const found = await ledger.ledgerOf(event.locals.db, scope, kind, key, year);
	const body =
		found.type === 'area'
			? ledger.areaLedgerCsv(found.ledger)
			: ledger.targetLedgerCsv(found.ledger);
	const name = `ledger-${year}-${kind}-${key.replace(/[^\w-]/g, '')}.csv`;
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
