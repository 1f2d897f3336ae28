/**
 * Service points from the plan: placed beside streets near their community's centre (or in a 小区),
 * with address, phone, opening text, an accessible-entrance flag and, if bookable, opening rules.
 */
import { defaultCategories, type CategoryCode } from '../../categories';
import type { CommunityPlan } from './community-plan';
import { address, phoneNumber } from './contact';
import type { DraftEdge } from './draft';
import { shopName } from './names';
import { describeRules, openingRules, unbookedOpeningText } from './opening-rules';
import { EdgeSampler, pointBesideEdge, pointNear } from './placement';
import { toLngLat, toLocal, type LocalPoint } from './projection';
import type { Random } from './random';
import type { Compound } from './residences';
import type { PlannedServicePoint } from './service-plan';
import type { DemoOpeningRule, DemoServicePoint } from './types';

/** How a point standing in a 小区 is named after it: 金港小区长者食堂. */
const compoundLabels: Record<CategoryCode, string> = {
	meal: '长者食堂',
	childcare: '托儿所',
	clinic: '卫生服务点',
	legal: '法律服务点',
	elderly_care: '日间照料站',
	fitness: '健身点',
	culture: '文化活动室',
	convenience: '便民超市'
};

const bookable = new Set(
	defaultCategories.filter((category) => category.bookable).map((category) => category.code)
);

/**
 * ~350 points in the demo city; the benchmark city needs ~5k at scale 3.2, so every planned point
 * becomes several there, spread over the community's 小区.
 */
function copiesAtScale(random: Random, scale: number): number {
	return scale <= 1 ? 1 : Math.max(1, Math.round(scale ** 2.3 * random.between(0.7, 1.3)));
}

export function generateServicePoints(
	random: Random,
	planned: readonly PlannedServicePoint[],
	compounds: readonly Compound[],
	scale: number
): { servicePoints: DemoServicePoint[]; openingRules: DemoOpeningRule[] } {
	const compoundsByCommunity = new Map<CommunityPlan, Compound[]>();
	for (const compound of compounds) {
		const list = compoundsByCommunity.get(compound.community) ?? [];
		list.push(compound);
		compoundsByCommunity.set(compound.community, list);
	}
	const nearCentre = new Map<CommunityPlan, EdgeSampler>();
	const servicePoints: DemoServicePoint[] = [];
	const rules: DemoOpeningRule[] = [];
	for (const plan of planned) {
		const community = plan.community;
		const copies = copiesAtScale(random, scale);
		for (let copy = 0; copy < copies; copy++) {
			let point: LocalPoint;
			let edge: DraftEdge;
			let name = copy === 0 ? plan.name : '';
			if (plan.inCompound || copy > 0) {
				const compound = random.pick(compoundsByCommunity.get(community)!);
				edge = compound.edge;
				point = pointNear(random, compound.anchor, 50);
				name ||=
					plan.category === 'convenience' && community.isUrban
						? shopName(random, edge.addressRoad)
						: `${compound.name}${compoundLabels[plan.category]}`;
			} else if (random.chance(0.4)) {
				// Many services share the community's service centre (党群服务中心).
				edge = community.centreEdge;
				point = pointNear(random, toLocal(community.centre), 30);
			} else {
				let sampler = nearCentre.get(community);
				if (!sampler) {
					sampler = new EdgeSampler(
						community.edges,
						toLocal(community.centre),
						community.spreadM * 0.45
					);
					nearCentre.set(community, sampler);
				}
				edge = sampler.sample(random);
				point = pointBesideEdge(random, edge, 5, 30);
				name ||= shopName(random, edge.addressRoad);
			}
			const key = `sp${String(servicePoints.length + 1).padStart(4, '0')}`;
			const pointRules = bookable.has(plan.category)
				? openingRules(random, key, plan.category, !community.isUrban)
				: [];
			rules.push(...pointRules);
			servicePoints.push({
				key,
				name: name || shopName(random, edge.addressRoad),
				categoryCode: plan.category,
				communityCode: community.record.code,
				point: toLngLat(point),
				address: address(random, community, edge),
				phone: phoneNumber(random),
				openingText: pointRules.length
					? describeRules(pointRules)
					: unbookedOpeningText(random, plan.category, plan.isMarket ?? false),
				accessibleEntrance: random.chance(community.isUrban ? 0.8 : 0.6)
			});
		}
	}
	return { servicePoints, openingRules: rules };
}
