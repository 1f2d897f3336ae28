/**
 * Whom a category's gaps and new sites are ranked by: elders for meal assistance and day care,
 * small children for childcare (the plan's 一老一小), households for everything else.
 */
export type PeopleMeasure = 'elderly' | 'children' | 'households';

export function peopleMeasure(category: string): PeopleMeasure {
	if (category === 'meal' || category === 'elderly_care') return 'elderly';
	if (category === 'childcare') return 'children';
	return 'households';
}

export interface People {
	households: number;
	elderly: number;
	children: number;
}

export function peopleOf(measure: PeopleMeasure, people: People): number {
	return people[measure];
}

export const roundShare = (covered: number, total: number) =>
	total === 0 ? 0 : Math.round((covered / total) * 1000) / 1000;
