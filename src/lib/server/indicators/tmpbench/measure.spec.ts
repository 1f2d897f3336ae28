import { it } from 'vitest';
import { openTestDatabase } from '../../db';
import { seedDemoCity } from '../../demo/seed';
import { scopeFor } from '../../planning/scope';
import { planTargets } from '../../planning/targets-view';
import { indicatorsFor } from '../view';

it('measures', { timeout: 600_000 }, async () => {
	const db = await openTestDatabase();
	await seedDemoCity(db);
	const scope = await scopeFor(db, true, []);
	await planTargets(db, scope);
	await indicatorsFor(db, scope.communities);
	const time = async (fn: () => Promise<unknown>, n: number) => {
		const t = performance.now();
		for (let i = 0; i < n; i++) await fn();
		return (performance.now() - t) / n;
	};
	for (let round = 0; round < 3; round++) {
		const targets = await time(() => planTargets(db, scope), 20);
		const indicators = await time(() => indicatorsFor(db, scope.communities), 20);
		console.log(`round ${round}: planTargets ${targets.toFixed(2)} ms, indicatorsFor ${indicators.toFixed(2)} ms, ratio ${(indicators / targets).toFixed(3)}`);
	}
});
