/**
 * Which community gets which service point. Shares are drawn exactly (not coin by coin) so that every
 * seed shows the same realistic picture: good but incomplete coverage, with gaps planners can find —
 * meal assistance in ~77% of communities, 法律之家 in ~58% of urban communities and ~29% of
 * villages, childcare in ~46%, a 卫生室 in every village.
 */
import type { CategoryCode } from '../../categories';
import type { CommunityPlan } from './community-plan';
import { streetRecords } from './data/streets';
import { distanceM, toLocal } from './projection';
import type { Random } from './random';

export interface PlannedServicePoint {
	category: CategoryCode;
	community: CommunityPlan;
	name: string;
	/** a second point of the same kind in a community is named after the 小区 it stands in */
	inCompound: boolean;
	isMarket?: boolean;
}

function chooseShare(
	random: Random,
	plans: readonly CommunityPlan[],
	share: number,
	already: readonly CommunityPlan[] = []
): CommunityPlan[] {
	const wanted = Math.round(share * plans.length);
	const rest = random.shuffled(plans.filter((plan) => !already.includes(plan)));
	return [...already, ...rest.slice(0, Math.max(0, wanted - already.length))];
}

/** The community nearest the middle of a street hosts the street-level centre. */
function streetHosts(urban: readonly CommunityPlan[]): Map<string, CommunityPlan> {
	const hosts = new Map<string, CommunityPlan>();
	for (const street of streetRecords) {
		const members = urban.filter((plan) => plan.record.streetCode === street.code);
		if (!members.length) continue;
		const middle = members
			.map((plan) => toLocal(plan.centre))
			.reduce(
				(sum, point) => ({
					x: sum.x + point.x / members.length,
					y: sum.y + point.y / members.length
				}),
				{ x: 0, y: 0 }
			);
		hosts.set(
			street.name,
			members.reduce((best, plan) =>
				distanceM(toLocal(plan.centre), middle) < distanceM(toLocal(best.centre), middle)
					? plan
					: best
			)
		);
	}
	return hosts;
}

export function planServicePoints(
	random: Random,
	communities: readonly CommunityPlan[]
): PlannedServicePoint[] {
	const urban = communities.filter((plan) => plan.isUrban);
	const villages = communities.filter((plan) => !plan.isUrban);
	const seats = villages.filter((plan) => plan.isSeat);
	const planned: PlannedServicePoint[] = [];
	const add = (
		category: CategoryCode,
		community: CommunityPlan,
		name: string,
		extra: Partial<PlannedServicePoint> = {}
	) => planned.push({ category, community, name, inCompound: false, ...extra });
	const second = (category: CategoryCode, plans: readonly CommunityPlan[], share: number) => {
		for (const plan of plans)
			if (random.chance(share)) add(category, plan, '', { inCompound: true });
	};
	const hosts = streetHosts(urban);
	const streetOf = (plan: CommunityPlan) => [...hosts].find(([, host]) => host === plan)?.[0];

	const mealUrban = chooseShare(random, urban, 0.81);
	for (const plan of mealUrban)
		add('meal', plan, `${plan.record.name}${random.chance(0.7) ? '老年助餐点' : '长者食堂'}`);
	for (const plan of chooseShare(random, villages, 0.7))
		add('meal', plan, `${plan.record.name}幸福食堂`);
	second('meal', mealUrban, 0.3);

	const childcareUrban = chooseShare(random, urban, 0.55);
	for (const plan of childcareUrban)
		add('childcare', plan, `${plan.record.name}${random.chance(0.6) ? '托育点' : '托育服务中心'}`);
	for (const plan of chooseShare(random, villages, 0.3))
		add('childcare', plan, `${plan.record.name}托育点`);
	second('childcare', childcareUrban, 0.25);

	for (const [streetName, host] of hosts) add('clinic', host, `${streetName}社区卫生服务中心`);
	for (const plan of chooseShare(random, urban, 0.8))
		add('clinic', plan, `${plan.record.name}卫生服务站`);
	for (const plan of seats) add('clinic', plan, `${plan.town!.shortName}镇卫生院`);
	for (const plan of villages) add('clinic', plan, `${plan.record.name}卫生室`);

	const hostList = [...hosts.values()];
	for (const plan of chooseShare(random, urban, 0.58, hostList)) {
		const streetName = streetOf(plan);
		add('legal', plan, streetName ? `${streetName}法律之家` : `${plan.record.name}法律之家`);
	}
	for (const plan of chooseShare(random, villages, 0.3, seats)) {
		add(
			'legal',
			plan,
			plan.isSeat ? `${plan.town!.shortName}镇公共法律服务工作站` : `${plan.record.name}法律之家`
		);
	}

	for (const plan of chooseShare(random, urban, 0.6))
		add('elderly_care', plan, `${plan.record.name}老年人日间照料中心`);
	for (const plan of chooseShare(random, villages, 0.4))
		add('elderly_care', plan, `${plan.record.name}农村互助幸福院`);

	const fitnessUrban = chooseShare(random, urban, 0.9);
	for (const plan of fitnessUrban)
		add('fitness', plan, `${plan.record.name}${random.chance(0.5) ? '全民健身广场' : '健身路径'}`);
	for (const plan of chooseShare(random, villages, 0.88))
		add('fitness', plan, `${plan.record.name}健身广场`);
	second('fitness', fitnessUrban, 0.5);

	for (const [streetName, host] of hosts) add('culture', host, `${streetName}综合文化服务中心`);
	for (const plan of chooseShare(random, urban, 0.9))
		add('culture', plan, `${plan.record.name}文化活动站`);
	for (const plan of seats) add('culture', plan, `${plan.town!.shortName}镇综合文化站`);
	for (const plan of villages)
		add(
			'culture',
			plan,
			`${plan.record.name}${random.chance(0.5) ? '综合文化服务中心' : '农家书屋'}`
		);

	for (const plan of urban) {
		const shops = random.integer(1, 2);
		for (let shop = 0; shop < shops; shop++) add('convenience', plan, '', { inCompound: shop > 0 });
	}
	for (const plan of chooseShare(random, urban, 0.45))
		add('convenience', plan, `${plan.record.name}菜市场`, { isMarket: true });
	for (const plan of villages) add('convenience', plan, `${plan.record.name}便民超市`);
	return planned;
}
