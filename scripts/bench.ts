/**
 * `npm run bench`: performance figures against same-run baselines (DESIGN.md "Performance").
 * Not a test: it prints a table. Add sections with `section(name, fn)` from ./bench/harness.
 */
import { benchmarkCity, benchmarkQueries } from './bench/coverage';
import { benchmarkBooking } from './bench/booking';
import { benchmarkPlanning } from './bench/planning';
import type { CoverageEngine } from '../src/lib/geo/engine';
import { benchmarkLifeCircle } from './bench/life-circle';
import { printTable, section } from './bench/harness';
import { checkExactness } from './bench/exactness';
import { demoCityInput } from './bench/coverage';
import { benchmarkCliProcess } from './bench/cli';

let benchmarkCityEngine: CoverageEngine | undefined;
await section('coverage, benchmark city (scale 3.2)', () => {
	const engine = benchmarkCity(3.2, true);
	benchmarkQueries(engine);
	benchmarkCityEngine = engine;
});
await section('exactness, benchmark city (scale 3.2)', () => {
	checkExactness(demoCityInput(3.2).lines, benchmarkCityEngine!, 10_000);
});
await section('planning what-if, benchmark city (scale 3.2)', () =>
	benchmarkPlanning(benchmarkCityEngine!)
);
await section('coverage CLI, whole process, benchmark city (scale 3.2)', () =>
	benchmarkCliProcess(3.2, 3)
);
// a province (~10M residents) takes minutes and a few GB for the plain baseline: on request only
if (process.env.BENCH_PROVINCE === '1') {
	await section('coverage CLI, whole process, province (~10M residents)', () =>
		benchmarkCliProcess('province', 1)
	);
}
await section('coverage, demo city (scale 1)', () => {
	benchmarkCity(1, false);
});
await section('life circle, demo city: moving home', benchmarkLifeCircle);
await section('booking over HTTP, 50 clients', benchmarkBooking);

printTable();
