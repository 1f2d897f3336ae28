import { describe, expect, it } from 'vitest';
import { jsonInSlices } from './json-slices';

/** a small deterministic random source, so that a failure can be run again */
function randomSource(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1664525 + 1013904223) % 2 ** 32;
		return state / 2 ** 32;
	};
}

function randomValue(random: () => number, depth: number): unknown {
	const pick = random();
	if (depth > 2 || pick < 0.3) {
		const leaves = [
			1.5,
			-0,
			NaN,
			'社区 "食堂"\n',
			null,
			true,
			undefined,
			new Date(Date.UTC(2026, 11, 1)),
			() => 1
		];
		return leaves[Math.floor(random() * leaves.length)];
	}
	if (pick < 0.6)
		return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random, depth + 1));
	const object: Record<string, unknown> = {};
	for (let i = 0; i < 4; i++)
		object[`k${Math.floor(random() * 6)}`] = randomValue(random, depth + 1);
	return object;
}

describe('JSON written a slice at a time', () => {
	it('is the same text as JSON.stringify, for big and small values alike', async () => {
		const random = randomSource(17);
		for (let run = 0; run < 40; run++) {
			const features = Array.from({ length: 1 + Math.floor(random() * 6000) }, () =>
				randomValue(random, 1)
			);
			const values = [
				{ type: 'FeatureCollection', features, other: randomValue(random, 1), gone: undefined },
				features,
				randomValue(random, 0),
				{ nested: { features } }
			];
			for (const value of values) expect(await jsonInSlices(value)).toBe(JSON.stringify(value));
		}
		expect(await jsonInSlices(undefined)).toBe(JSON.stringify(undefined));
		const withToJson = { toJSON: () => ({ features: [1, 2] }) };
		expect(await jsonInSlices(withToJson)).toBe(JSON.stringify(withToJson));
	});

	it('lets other work run between the slices of a big array', async () => {
		const features = Array.from({ length: 20_000 }, (_, id) => ({ type: 'Feature', id }));
		let ranMeanwhile = false;
		setImmediate(() => (ranMeanwhile = true));
		const text = await jsonInSlices({ type: 'FeatureCollection', features });
		expect(ranMeanwhile).toBe(true);
		expect(JSON.parse(text).features).toHaveLength(20_000);
	});
});
