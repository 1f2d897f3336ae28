import type { RequestHandler } from './$types';
import { requirePlanner, scopeKey } from '$lib/server/planning/scope';
import { coverageColumns, coverageRows } from '$lib/server/planning/coverage-export';
import { dataAndCoverageVersion } from '$lib/server/coverage';
import { cachedText } from '$lib/server/answer-cache';
import { toCsv } from '$lib/server/csv';

/**
 * Every community × category × speed of the scope, one row each (UTF-8 with BOM for Excel); built
 * once per data version and scope.
 */
export const GET: RequestHandler = async (event) => {
	const { scope } = await requirePlanner(event);
	return cachedText(
		event.request,
		await dataAndCoverageVersion(event.locals.db),
		`coverage.csv ${scopeKey(scope)}`,
		async () => toCsv(coverageColumns, await coverageRows(event.locals.db, scope)),
		{ contentType: 'text/csv', private: true, filename: 'coverage.csv' }
	);
};
