/**
 * `npx tsx scripts/bench/search-worker.ts [city.db]`: what the planning searches do to the event loop
 * on a big city (default: the load scripts' ~1M-resident city, tests/output/city-3.2.db, made by
 * `npx tsx tests/load/city-database.ts 3.2`). The best-k suggestion search for each category's
 * uncovered residences (as the what-if page runs it, k = 5), once in-thread and once in the planning
 * worker (bundled as the server bundles it), while a timer measures the main thread's event-loop
 * delay; plus one what-if (evaluateWhatIf's engine part), which stays in-thread, and the data
 * version check every engine read makes.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../../src/lib/server/db';
import { scopeFor } from '../../src/lib/server/planning/scope';
import { coverageState } from '../../src/lib/server/coverage/engine';
import { sourceVersion } from '../../src/lib/server/coverage/source';
import { searchSuggestions, type SuggestionSearch } from '../../src/lib/server/planning/best-sites';
import { suggestionInput } from '../../src/lib/server/planning/what-if';
import { bundleThread } from '../../src/lib/server/threads/source-plugin';
import { startThread } from '../../src/lib/server/threads';

const db = openDatabase(process.argv[2] ?? 'tests/output/city-3.2.db');
const started = performance.now();
const state = await coverageState(db);
console.log(
	`engine built in-thread: ${Math.round(performance.now() - started)} ms, ${state.source.residences.length} residences`
);
const scope = await scopeFor(db, true, []);
const { code } = await bundleThread('src/lib/server/planning/search-worker.ts');
const thread = startThread(code, 'planning-search');
const searchState = {
	engine: state.engine,
	matrix: state.matrix,
	residences: state.source.residences,
	residencesByCommunity: state.residencesByCommunity
};

async function measure(label: string, run: () => Promise<unknown> | unknown) {
	const delay = monitorEventLoopDelay({ resolution: 5 });
	// a 10 ms timer, as requests would be: how late does it fire?
	let worst = 0;
	let expected = performance.now() + 10;
	const timer = setInterval(() => {
		worst = Math.max(worst, performance.now() - expected);
		expected = performance.now() + 10;
	}, 10);
	delay.enable();
	const t = performance.now();
	await run();
	const ms = performance.now() - t;
	await new Promise((resolve) => setTimeout(resolve, 20));
	delay.disable();
	clearInterval(timer);
	console.log(
		`  ${label.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms; event loop blocked up to ${worst.toFixed(0)} ms (delay p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms)`
	);
}

for (const category of ['meal', 'clinic', 'elderly_care', 'fitness']) {
	const input = suggestionInput(state, scope, category, 5);
	console.log(`best 5 ${category} sites (${input.candidates.length} candidates):`);
	// the worker's first call wraps the engine (once per version): not part of a search
	if (category === 'meal') await thread.call({ packed: state.packed, input: { ...input, k: 1 } });
	let inThread: SuggestionSearch | undefined;
	let inWorker: SuggestionSearch | undefined;
	await measure('in-thread (before)', () => (inThread = searchSuggestions(searchState, input)));
	await measure('planning worker (now)', async () => {
		inWorker = await thread.call<SuggestionSearch>({ packed: state.packed, input });
	});
	if (JSON.stringify(inThread) !== JSON.stringify(inWorker)) throw new Error('answers differ');
}
const point = state.source.residences[123].point;
await measure('one what-if (stays in-thread)', () =>
	state.engine.whatIf(state.matrix, { id: 'x', category: 'meal', point })
);
const checks = 20_000;
const checkStarted = performance.now();
for (let i = 0; i < checks; i++) await sourceVersion(db);
console.log(
	`data version check: ${(((performance.now() - checkStarted) / checks) * 1000).toFixed(1)} µs per call (mean of ${checks})`
);
await thread.close();
