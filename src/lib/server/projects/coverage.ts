import { and, eq, isNull } from 'drizzle-orm';
import { createCoverageEngine, standardSpeedMps, summarizeCoverage } from '$lib/geo';
import { transaction, type Db } from '../db';
import { project } from '../db/schema';
import type { ProjectCoverage } from '../db/schema/needs';
import { communityCoverage } from '../coverage';
import { readSource } from '../coverage/source';
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

/**
 * What a point that already stands did for its community: the homes within the category's tier with
 * every point of the category, against the same without this one (two one-category engines over the
 * current data; standard speed). For a completed project whose coverage was never kept (the demo's,
 * made before any engine existed): run once, then kept with the project.
 */
export async function pointContribution(
	db: Db,
	input: { communityCode: string; category: string; servicePointId: number }
): Promise<ProjectCoverage | null> {
	const source = await readSource(db);
	const tierMinutes = source.categories.find((c) => c.code === input.category)?.tierMinutes;
	if (tierMinutes === undefined) return null;
	const ofCategory = source.facilities.filter((f) => f.category === input.category);
	const indices = source.residences.flatMap((r, i) =>
		r.communityCode === input.communityCode ? [i] : []
	);
	const covered = (facilities: typeof ofCategory) => {
		const matrix = createCoverageEngine({
			network: source.network,
			facilities,
			residences: source.residences,
			categories: [input.category]
		}).computeMatrix();
		const [s] = summarizeCoverage(
			matrix,
			source.residences,
			{ speedMps: standardSpeedMps, tierMinutesByCategory: { [input.category]: tierMinutes } },
			indices
		);
		return {
			households: s.householdsCovered,
			elderly: s.elderlyCovered,
			children: s.childrenCovered
		};
	};
	const after = covered(ofCategory);
	const before = covered(ofCategory.filter((f) => f.id !== String(input.servicePointId)));
	return {
		tierMinutes,
		before,
		gain: {
			households: after.households - before.households,
			elderly: after.elderly - before.elderly,
			children: after.children - before.children
		}
	};
}

/**
 * A project's coverage before → after: the kept one, or (for a project with a category that has
 * none kept) worked out now and kept — the point's contribution once it stands, the what-if at the
 * planned place before. Null for 其他 and projects without a place on the map.
 */
export async function projectCoverage(
	db: Db,
	p: {
		id: number;
		coverage: ProjectCoverage | null;
		categoryCode: string | null;
		communityCode: string;
		status: string;
		servicePointId: number | null;
		lng: number | null;
		lat: number | null;
	}
): Promise<ProjectCoverage | null> {
	if (p.coverage || p.categoryCode === null) return p.coverage;
	const coverage =
		p.status === 'completed' && p.servicePointId !== null
			? await pointContribution(db, {
					communityCode: p.communityCode,
					category: p.categoryCode,
					servicePointId: p.servicePointId
				})
			: p.lng !== null && p.lat !== null
				? await expectedCoverage(db, {
						communityCode: p.communityCode,
						category: p.categoryCode,
						lng: p.lng,
						lat: p.lat
					})
				: null;
	if (coverage)
		await transaction(db, async (tx) => {
			await tx
				.update(project)
				.set({ coverage })
				.where(and(eq(project.id, p.id), isNull(project.coverage)));
		});
	return coverage;
}
