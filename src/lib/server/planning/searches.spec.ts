// The best-k suggestion search runs in the planning worker (searches.ts): it must give exactly
// what the same search gives in-thread, on the engine the server has.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db';

const { openDemoDatabase } = await import('../testing/demo-database');
const { coverageState, startCoverageEngine, coverageReady } = await import('../coverage');
const { bestSites, searchSuggestions } = await import('./best-sites');
const { searchInWorker } = await import('./searches');
const { suggestSites, suggestionInput } = await import('./what-if');
const { scopeFor } = await import('./scope');

let db: Db;

// a ceiling, not a wait: the run's demo city may be seeded here or in another worker meanwhile (~5 s;
// far longer on PostgreSQL when two cores are shared with other work)
beforeAll(async () => {
	({ db } = await openDemoDatabase(Date.parse('2026-11-26T02:00:00Z'), 'searches'));
}, 300_000);

describe('the suggestion search in the planning worker', () => {
	it.each([
		['meal', 3],
		['fitness', 2],
		['clinic', 5]
	])(
		'finds the same %s sites (k = %i) as in-thread, with the same shares after',
		async (category, k) => {
			const state = await coverageState(db);
			const scope = await scopeFor(db, true, []);
			const input = suggestionInput(state, scope, category, k);
			expect(input.candidates.length).toBeGreaterThan(k);
			const inThread = searchSuggestions(
				{
					engine: state.engine,
					matrix: state.matrix,
					residences: state.source.residences,
					residencesByCommunity: state.residencesByCommunity
				},
				input
			);
			const inWorker = await searchInWorker(state, input);
			expect(inWorker).toEqual(inThread);
			// and the sites are those of the greedy search the page ran in-thread before
			const before = bestSites(state.engine, state.matrix, {
				category,
				tierMinutes: input.tierMinutes,
				candidates: Array.from(input.candidates, (r) => state.source.residences[r].point),
				k
			});
			expect(inWorker.sites.map(({ residence: _, ...site }) => site)).toEqual(before.sites);
			expect(inWorker.evaluations).toBe(before.evaluations);
			expect(inWorker.sites.length).toBe(k);
			expect(Object.keys(inWorker.shareAfter.tier).length).toBeGreaterThan(0);
			if (category === 'fitness') expect(inWorker.shareAfter.fitness15).toBeDefined();
		}
	);

	it('answers the what-if page with named sites, on the engine the server built in a worker', async () => {
		startCoverageEngine(db);
		await coverageReady(db);
		const scope = await scopeFor(db, true, []);
		const suggestions = await suggestSites(db, scope, 'meal', 3);
		expect(suggestions.sites.map((s) => s.rank)).toEqual([1, 2, 3]);
		for (const site of suggestions.sites) {
			expect(site.residenceName).not.toBe(String(site.residenceId));
			expect(site.communityName).not.toBe('');
			expect(site.standard.households).toBeGreaterThan(0);
		}
	});
});
