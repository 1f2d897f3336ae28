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

interface Placement {
	point: LocalPoint;
	edge: DraftEdge;
	name: string;
}

/** Where one copy of a planned point stands, and its name when the plan left it open. */
class Placer {
	private readonly compoundsByCommunity = new Map<CommunityPlan, Compound[]>();
	private readonly nearCentre = new Map<CommunityPlan, EdgeSampler>();

	constructor(
		private readonly random: Random,
		compounds: readonly Compound[]
	) {
		for (const compound of compounds) {
			const list = this.compoundsByCommunity.get(compound.community) ?? [];
			list.push(compound);
			this.compoundsByCommunity.set(compound.community, list);
		}
	}

	inCompound(plan: PlannedServicePoint, name: string): Placement {
		const compound = this.random.pick(this.compoundsByCommunity.get(plan.community)!);
		const edge = compound.edge;
		const fallback =
			plan.category === 'convenience' && plan.community.isUrban
				? shopName(this.random, edge.addressRoad)
				: `${compound.name}${compoundLabels[plan.category]}`;
		return { point: pointNear(this.random, compound.anchor, 50), edge, name: name || fallback };
	}

	nearCommunityCentre(plan: PlannedServicePoint, name: string): Placement {
		const community = plan.community;
		if (this.random.chance(0.4)) {
			// Many services share the community's service centre (党群服务中心).
			const point = pointNear(this.random, toLocal(community.centre), 30);
			return {
				point,
				edge: community.centreEdge,
				name: name || shopName(this.random, community.centreEdge.addressRoad)
			};
		}
		let sampler = this.nearCentre.get(community);
		if (!sampler) {
			sampler = new EdgeSampler(
				community.edges,
				toLocal(community.centre),
				community.spreadM * 0.35
			);
			this.nearCentre.set(community, sampler);
		}
		const edge = sampler.sample(this.random);
		return {
			point: pointBesideEdge(this.random, edge, 5, 30),
			edge,
			name: name || shopName(this.random, edge.addressRoad)
		};
	}
}

export function generateServicePoints(
	random: Random,
	planned: readonly PlannedServicePoint[],
	compounds: readonly Compound[],
	scale: number
): { servicePoints: DemoServicePoint[]; openingRules: DemoOpeningRule[] } {
	const placer = new Placer(random, compounds);
	const servicePoints: DemoServicePoint[] = [];
	const rules: DemoOpeningRule[] = [];
	for (const plan of planned) {
		const community = plan.community;
		const copies = copiesAtScale(random, scale);
		for (let copy = 0; copy < copies; copy++) {
			const name = copy === 0 ? plan.name : '';
			const {
				point,
				edge,
				name: placedName
			} = plan.inCompound || copy > 0
				? placer.inCompound(plan, name)
				: placer.nearCommunityCentre(plan, name);
			const key = `sp${String(servicePoints.length + 1).padStart(4, '0')}`;
			const pointRules = bookable.has(plan.category)
				? openingRules(random, key, plan.category, !community.isUrban)
				: [];
			rules.push(...pointRules);
			servicePoints.push({
				key,
				name: placedName,
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
