import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { targetNames } from '$lib/plan-targets';
import type { Db } from '../db';
import { indicatorDefinitions } from '../indicators';
import { integerParam } from '../planning/params';
import { scopeFor, type PlanningScope } from '../planning/scope';
import { shanghaiOffsetMs } from '$lib/time';
import {
	areaLedger,
	findArea,
	firstLedgerYear,
	lastLedgerYear,
	ledgerAreas,
	targetLedger
} from './view';

/** This local (Asia/Shanghai) year. */
export function currentYear(now = Date.now()): number {
	return new Date(now + shanghaiOffsetMs).getUTCFullYear();
}

/** The ledger's year from `?year=`, this local year when absent; 400 outside 2021–2100. */
export function ledgerYear(url: URL, now = Date.now()): number {
	return integerParam(url, 'year', firstLedgerYear, lastLedgerYear) ?? currentYear(now);
}

export const targetKeys = Object.keys(targetNames);
export const indicatorKeys = indicatorDefinitions.map((d) => d.key as string);

/**
 * The ledger a page or CSV asks for: `area/<city | street or community code>` or
 * `target/<key>` / `indicator/<key>`. 404 for what does not exist; 403 for a street or community
 * outside a street planner's scope (and for the city as a whole).
 */
export async function ledgerOf(
	db: Db,
	scope: PlanningScope,
	kind: string,
	key: string,
	year: number
) {
	if (kind === 'area') {
		const area = findArea(scope, key);
		if (!area) {
			const anywhere = findArea(await scopeFor(db, true, []), key);
			if (anywhere) error(403, { code: 'forbidden', message: m.error_forbidden() });
			error(404, { code: 'not_found', message: m.ledger_error_not_found() });
		}
		return { type: 'area' as const, ledger: await areaLedger(db, area, year) };
	}
	if (
		(kind === 'target' && targetKeys.includes(key)) ||
		(kind === 'indicator' && indicatorKeys.includes(key))
	)
		return {
			type: 'target' as const,
			ledger: await targetLedger(db, ledgerAreas(scope), kind, key, year)
		};
	error(404, { code: 'not_found', message: m.ledger_error_not_found() });
}
