import { describe, expect, it } from 'vitest';
import { categoryCodes } from '$lib/categories';
import { Random } from './random';
import { allowedTags, ratingWords, sentimentOf } from './ratings';
import { expectRatingReadsTrue } from './rating-checks';

function generated(seed: number) {
	const random = new Random(seed);
	const rows = [];
	for (const category of categoryCodes)
		for (let stars = 1; stars <= 5; stars++)
			for (let i = 0; i < 200; i++)
				rows.push({ category, stars, ...ratingWords(category, stars, () => random.next(), true) });
	return rows;
}

describe('generated ratings', () => {
	const rows = generated(7);

	it('carry tags of their category and sentiment, comments that do not deny them, fitting answers', () => {
		for (const row of rows) expectRatingReadsTrue(row);
	});

	it('use every tag each category and sentiment allows, so the sets are not empty by accident', () => {
		for (const category of categoryCodes)
			for (const stars of [1, 3, 5]) {
				const used = new Set(
					rows.filter((r) => r.category === category && r.stars === stars).flatMap((r) => r.tags)
				);
				expect([...used].sort()).toEqual([...allowedTags(category, sentimentOf(stars))].sort());
			}
	});

	it('never praise a meal at a childcare point and answer complaints with an apology', () => {
		expect(rows.some((r) => r.category === 'childcare' && r.tags.includes('饭菜可口'))).toBe(false);
		expect(rows.filter((r) => r.stars <= 2).every((r) => r.reply?.includes('抱歉'))).toBe(true);
		expect(rows.filter((r) => r.stars >= 4).every((r) => !r.reply?.includes('抱歉'))).toBe(true);
	});

	it('are caught by the checks when they do not read true', () => {
		const bad = [
			{ category: 'childcare', stars: 5, tags: ['饭菜可口'], comment: null, reply: null },
			{ category: 'clinic', stars: 2, tags: ['不方便'], comment: '预约很方便。', reply: null },
			{ category: 'clinic', stars: 1, tags: ['等待久'], comment: null, reply: '感谢您的认可！' },
			{ category: 'meal', stars: 5, tags: ['态度好'], comment: null, reply: '很抱歉。' },
			{ category: 'meal', stars: 3, tags: ['准时', '等待久'], comment: null, reply: null }
		];
		for (const row of bad) expect(() => expectRatingReadsTrue(row)).toThrow();
	});

	it('are the same for the same seed', () => {
		expect(generated(7)).toEqual(rows);
	});
});
