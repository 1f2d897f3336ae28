import { and, count, eq, gte, inArray } from 'drizzle-orm';
import { standardSpeedMps, summarizeCoverage } from '$lib/geo';
import type { Db } from '../db';
import { booking, openingRule, rating, servicePoint, slot } from '../db/schema';
import { coverageState } from '../coverage';
import { communityCoverage } from './coverage-view';
import type { PlanningScope } from './scope';
import {
	evaluateTargets,
	surveyWindowDays,
	type CommunityFacts,
	type OpeningFacts
} from './targets';
import { dayMs } from '$lib/time';
import { volunteerStationRow } from './volunteer-target';

/** The facts the targets are computed from, for the communities of the scope. */
export async function targetFacts(db: Db, scope: PlanningScope, now = Date.now()) {
	const codes = scope.communities.map((c) => c.code);
	const state = await coverageState(db);
	const coverage = await communityCoverage(db, scope);
	const pointRows = await db
		.select({
			id: servicePoint.id,
			community: servicePoint.communityCode,
			category: servicePoint.categoryCode
		})
		.from(servicePoint)
		.where(and(eq(servicePoint.active, true), inArray(servicePoint.communityCode, codes)));
	const ratingRows = await db
		.select({ community: servicePoint.communityCode, n: count() })
		.from(rating)
		.innerJoin(booking, eq(booking.id, rating.bookingId))
		.innerJoin(slot, eq(slot.id, booking.slotId))
		.innerJoin(servicePoint, eq(servicePoint.id, slot.servicePointId))
		.where(
			and(
				gte(rating.createdAt, new Date(now - surveyWindowDays * dayMs)),
				inArray(servicePoint.communityCode, codes)
			)
		)
		.groupBy(servicePoint.communityCode);
	const ratings = new Map(ratingRows.map((row) => [row.community, row.n]));
	const fitness = state.matrix.categories.indexOf('fitness');
	const fitness15 = (code: string) => {
		if (fitness < 0) return 0;
		const summary = summarizeCoverage(
			state.matrix,
			state.source.residences,
			{ speedMps: standardSpeedMps, tierMinutesByCategory: { fitness: 15 } },
			state.residencesByCommunity.get(code) ?? []
		)[fitness];
		return summary.households === 0 ? 0 : summary.householdsCovered / summary.households;
	};
	const communities: CommunityFacts[] = coverage.communities.map((c) => ({
		code: c.code,
		urban: c.kind === '社区',
		pointCategories: [
			...new Set(pointRows.filter((p) => p.community === c.code).map((p) => p.category))
		],
		tierShare: Object.fromEntries(
			Object.entries(c.byCategory).map(([category, s]) => [
				category,
				s.standard.households === 0 ? 0 : s.standard.householdsCovered / s.standard.households
			])
		),
		fitness15Share: fitness15(c.code),
		ratingsInWindow: ratings.get(c.code) ?? 0
	}));
	const ids = pointRows.map((p) => p.id);
	const rules = ids.length
		? await db
				.select({
					servicePointId: openingRule.servicePointId,
					weekday: openingRule.weekday,
					startMinute: openingRule.startMinute,
					endMinute: openingRule.endMinute
				})
				.from(openingRule)
				.where(inArray(openingRule.servicePointId, ids))
		: [];
	const communityOf = new Map(pointRows.map((p) => [p.id, p.community]));
	const byPoint = new Map<number, OpeningFacts>();
	for (const rule of rules) {
		const facts = byPoint.get(rule.servicePointId) ?? {
			servicePointId: rule.servicePointId,
			communityCode: communityOf.get(rule.servicePointId),
			rules: []
		};
		(facts.rules as OpeningFacts['rules'][number][]).push(rule);
		byPoint.set(rule.servicePointId, facts);
	}
	return { communities, openings: [...byPoint.values()] };
}

export async function planTargets(db: Db, scope: PlanningScope, now = Date.now()) {
	const facts = await targetFacts(db, scope, now);
	return [
		...evaluateTargets(facts.communities, facts.openings),
		await volunteerStationRow(
			db,
			scope.communities.map((c) => c.code)
		)
	];
}
