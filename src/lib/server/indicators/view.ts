import type { Db } from '../db';
import type { CommunitySummary } from '../directory/communities';
import {
	evaluateIndicators,
	factsState,
	type CommunityInput,
	type FactsState,
	type IndicatorRow
} from './definitions';
import { factsOf, populationOf, type StoredFacts } from './facts';

export interface CommunityIndicators {
	code: string;
	name: string;
	kind: '社区' | '村';
	streetCode: string;
	streetName: string;
	state: FactsState;
	facts: StoredFacts | null;
	rows: IndicatorRow[];
}

export interface IndicatorsView {
	/** the whole scope: the city for administrators, their streets for street staff */
	total: IndicatorRow[];
	streets: { code: string; name: string; rows: IndicatorRow[] }[];
	communities: CommunityIndicators[];
	/** communities whose facts are missing or not confirmed in 12 months */
	toUpdate: CommunityIndicators[];
}

/** The seven indicators for a set of communities, in total, per street and per community. */
export async function indicatorsFor(
	db: Db,
	communities: readonly CommunitySummary[],
	now = Date.now()
): Promise<IndicatorsView> {
	const codes = communities.map((c) => c.code);
	const [facts, population] = await Promise.all([factsOf(db, codes), populationOf(db, codes)]);
	const inputs = new Map<string, CommunityInput>(
		communities.map((c) => {
			const p = population.get(c.code) ?? { households: 0, residents: 0 };
			return [
				c.code,
				{ code: c.code, urban: c.kind === '社区', ...p, facts: facts.get(c.code) ?? null }
			];
		})
	);
	const rowsOf = (list: readonly CommunitySummary[]) =>
		evaluateIndicators(list.map((c) => inputs.get(c.code)!));
	const streetCodes = [...new Set(communities.map((c) => c.streetCode))];
	const perCommunity = communities.map((c) => {
		const stored = facts.get(c.code) ?? null;
		return {
			code: c.code,
			name: c.name,
			kind: c.kind,
			streetCode: c.streetCode,
			streetName: c.streetName,
			state: factsState(stored?.confirmedAt ?? null, now),
			facts: stored,
			rows: rowsOf([c])
		};
	});
	return {
		total: rowsOf(communities),
		streets: streetCodes.map((code) => {
			const list = communities.filter((c) => c.streetCode === code);
			return { code, name: list[0].streetName, rows: rowsOf(list) };
		}),
		communities: perCommunity,
		toUpdate: perCommunity.filter((c) => c.state !== 'current')
	};
}

/** What the planning view sends to the browser: numbers and names only, no ids of people. */
export async function indicatorsPage(
	db: Db,
	communities: readonly CommunitySummary[],
	now = Date.now()
) {
	const view = await indicatorsFor(db, communities, now);
	const brief = (c: CommunityIndicators) => ({
		code: c.code,
		name: c.name,
		streetName: c.streetName,
		state: c.state,
		confirmedAt: c.facts?.confirmedAt.getTime() ?? null
	});
	return {
		total: view.total,
		streets: view.streets,
		communities: view.communities.map((c) => ({ ...brief(c), rows: c.rows })),
		toUpdate: view.toUpdate.map(brief),
		generated: view.communities.some((c) => c.facts?.generated)
	};
}
