import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/**
 * The whole life circle: GB 50180-2018's largest tier, the one the product is named after. A place
 * farther than this is what residents call "not near"; each category's own tier (5/10/15) is a
 * planning standard, shown beside it but not a warning.
 */
export const outerCircleMinutes = 15;

/**
 * How one walking time reads against a category's tier: within its tier (✓), beyond the tier but
 * within the 15-minute circle (plain minutes, no warning), beyond the circle, or nothing in reach.
 */
export type Reach = 'tier' | 'circle' | 'beyond' | 'none';

/** `minutes` are the whole minutes the list shows, so the reading never disagrees with the number. */
export function reachOf(minutes: number | null, tierMinutes: number): Reach {
	if (minutes === null) return 'none';
	if (minutes <= tierMinutes) return 'tier';
	return minutes <= outerCircleMinutes ? 'circle' : 'beyond';
}

export interface NearestByCategory {
	category: string;
	/** walking minutes to the nearest point of the category, null when none is in walking range */
	minutes: number | null;
}

/** Beyond this many, the sentence names the first ones and counts the rest (it stays one line). */
const namedAtMost = 3;

/**
 * The one-line answer above the list: how many of the listed categories are within 15 minutes at
 * the chosen speed, and the walking minutes of those that are not (in list order).
 */
export function answerSentence(
	groups: NearestByCategory[],
	categoryName: (code: string) => string,
	locale: Locale
): string {
	const options = { locale };
	const minutes = outerCircleMinutes;
	const total = groups.length;
	const beyond = groups.filter((g) => g.minutes === null || g.minutes > outerCircleMinutes);
	if (beyond.length === 0) return m.lc_answer_all({ minutes, total }, options);
	if (groups.every((g) => g.minutes === null)) return m.lc_answer_nothing({}, options);
	const items = beyond
		.slice(0, namedAtMost)
		.map(({ category, minutes: walk }) =>
			walk === null
				? m.lc_answer_item_none({ category: categoryName(category) }, options)
				: m.lc_answer_item({ category: categoryName(category), minutes: walk }, options)
		);
	if (beyond.length > namedAtMost)
		items.push(m.lc_answer_item_rest({ count: beyond.length - namedAtMost }, options));
	const list = items.join(m.lc_answer_separator({}, options));
	const count = total - beyond.length;
	return count === 0
		? m.lc_answer_none({ minutes, beyond: list }, options)
		: m.lc_answer_some({ minutes, total, count, beyond: list }, options);
}
