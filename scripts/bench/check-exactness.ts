/**
 * `npx tsx scripts/bench/check-exactness.ts [scale] [pairs]`: the exactness sample alone, on a
 * generated city of any scale (32 is about 10 million residents; allow minutes and several GB).
 */
import { createCoverageEngine } from '../../src/lib/geo/coverage';
import { demoCityInput } from './coverage';
import { checkExactness } from './exactness';
import { printTable, section } from './harness';
const scale = Number(process.argv[2] ?? 3.2);
await section(`exactness, scale ${scale}`, () => {
	const input = demoCityInput(scale);
	const engine = createCoverageEngine({
		network: input.lines,
		facilities: input.facilities,
		residences: input.residences
	});
	checkExactness(input.lines, engine, Number(process.argv[3] ?? 10000));
});
printTable();
