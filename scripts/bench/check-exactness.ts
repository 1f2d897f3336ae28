/**
 * `npx tsx scripts/bench/check-exactness.ts [scale|province] [pairs]`: the exactness sample alone,
 * on a generated city (`province`: about 10 million residents; allow minutes and ~10 GB).
 */
import { createCoverageEngine } from '../../src/lib/geo/coverage';
import { demoCityInput } from './coverage';
import { provinceInput } from './province';
import { checkExactness } from './exactness';
import { printTable, section } from './harness';
const which = process.argv[2] ?? '3.2';
await section(`exactness, ${which === 'province' ? 'province' : `scale ${which}`}`, () => {
	const input = which === 'province' ? provinceInput() : demoCityInput(Number(which));
	const engine = createCoverageEngine({
		network: input.lines,
		facilities: input.facilities,
		residences: input.residences
	});
	checkExactness(input.lines, engine, Number(process.argv[3] ?? 10000));
});
printTable();
