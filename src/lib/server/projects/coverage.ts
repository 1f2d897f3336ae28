import type { Db } from '../db';
import type { ProjectCoverage } from '../db/schema/needs';
import { communityCoverage } from '../coverage';
import { scopeFor } from '../planning/scope';
import { evaluateWhatIf } from '../planning/what-if';

/**
 * What a new point of the category at the planned place would do, from the coverage engine: the
 * community's homes within the tier now, and who the point would newly bring within it (standard
 * walking speed). Null for 其他 or without a place on the map, or when the engine cannot answer.
 */
export async function expectedCoverage(
	db: Db,
	input: { communityCode: string; category: string; lng?: number; lat?: number }
): Promise<ProjectCoverage | null> {
	if (input.category === 'other' || input.lng === undefined || input.lat === undefined) return null;
	const scope = await scopeFor(db, true, []);
	const answer = await evaluateWhatIf(
		db,
		scope,
		input.category,
		[input.lng, input.lat],
		input.communityCode
	);
	if (!answer.reachable) return null;
	const current = await communityCoverage(db, input.communityCode);
	const now = current.categories.find((c) => c.category === input.category);
	return {
		tierMinutes: answer.tierMinutes,
		before: {
			households: now?.standard.households ?? 0,
			elderly: now?.standard.elders ?? 0,
			children: now?.standard.children ?? 0
		},
		gain: {
			households: answer.standard.households,
			elderly: answer.standard.elderly,
			children: answer.standard.children
		}
	};
}
