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

/** Builds the plan category by category; the shares are the point of each method. */
class ServicePlanner {
	readonly planned: PlannedServicePoint[] = [];
	readonly urban: CommunityPlan[];
	readonly villages: CommunityPlan[];
	readonly seats: CommunityPlan[];
	readonly hosts: Map<string, CommunityPlan>;

	constructor(
		private readonly random: Random,
		communities: readonly CommunityPlan[]
	) {
		this.urban = communities.filter((plan) => plan.isUrban);
		this.villages = communities.filter((plan) => !plan.isUrban);
		this.seats = this.villages.filter((plan) => plan.isSeat);
		this.hosts = streetHosts(this.urban);
	}

	add(
		category: CategoryCode,
		community: CommunityPlan,
		name: string,
		extra: Partial<PlannedServicePoint> = {}
	) {
		this.planned.push({ category, community, name, inCompound: false, ...extra });
	}

	/** Some communities get a second point of a kind, in one of their 小区. */
	second(category: CategoryCode, plans: readonly CommunityPlan[], share: number) {
		for (const plan of plans)
			if (this.random.chance(share)) this.add(category, plan, '', { inCompound: true });
	}

	share(plans: readonly CommunityPlan[], share: number, already: readonly CommunityPlan[] = []) {
		return chooseShare(this.random, plans, share, already);
	}

	either(first: string, second: string, firstShare = 0.5): string {
		return this.random.chance(firstShare) ? first : second;
	}

	/** 一老一小: meal assistance, childcare and elderly day care. */
	careServices() {
		const mealUrban = this.share(this.urban, 0.81);
		for (const plan of mealUrban)
			this.add('meal', plan, `${plan.record.name}${this.either('老年助餐点', '长者食堂', 0.7)}`);
		for (const plan of this.share(this.villages, 0.7))
			this.add('meal', plan, `${plan.record.name}幸福食堂`);
		this.second('meal', mealUrban, 0.45);

		const childcareUrban = this.share(this.urban, 0.55);
		for (const plan of childcareUrban)
			this.add(
				'childcare',
				plan,
				`${plan.record.name}${this.either('托育点', '托育服务中心', 0.6)}`
			);
		for (const plan of this.share(this.villages, 0.3))
			this.add('childcare', plan, `${plan.record.name}托育点`);
		this.second('childcare', childcareUrban, 0.25);

		for (const plan of this.share(this.urban, 0.6))
			this.add('elderly_care', plan, `${plan.record.name}老年人日间照料中心`);
		for (const plan of this.share(this.villages, 0.4))
			this.add('elderly_care', plan, `${plan.record.name}农村互助幸福院`);
	}

	/** Clinics, legal aid and culture, with street- and town-level centres. */
	publicServices() {
		for (const [streetName, host] of this.hosts)
			this.add('clinic', host, `${streetName}社区卫生服务中心`);
		for (const plan of this.share(this.urban, 0.8))
			this.add('clinic', plan, `${plan.record.name}卫生服务站`);
		for (const plan of this.seats) this.add('clinic', plan, `${plan.town!.shortName}镇卫生院`);
		for (const plan of this.villages) this.add('clinic', plan, `${plan.record.name}卫生室`);

		const streetOf = (plan: CommunityPlan) =>
			[...this.hosts].find(([, host]) => host === plan)?.[0];
		for (const plan of this.share(this.urban, 0.58, [...this.hosts.values()])) {
			this.add('legal', plan, `${streetOf(plan) ?? plan.record.name}法律之家`);
		}
		for (const plan of this.share(this.villages, 0.3, this.seats)) {
			const name = plan.isSeat
				? `${plan.town!.shortName}镇公共法律服务工作站`
				: `${plan.record.name}法律之家`;
			this.add('legal', plan, name);
		}

		for (const [streetName, host] of this.hosts)
			this.add('culture', host, `${streetName}综合文化服务中心`);
		for (const plan of this.share(this.urban, 0.9))
			this.add('culture', plan, `${plan.record.name}文化活动站`);
		for (const plan of this.seats) this.add('culture', plan, `${plan.town!.shortName}镇综合文化站`);
		for (const plan of this.villages)
			this.add(
				'culture',
				plan,
				`${plan.record.name}${this.either('综合文化服务中心', '农家书屋')}`
			);
	}

	/** Fitness grounds and shops, which need no booking. */
	everydayServices() {
		const fitnessUrban = this.share(this.urban, 0.9);
		for (const plan of fitnessUrban)
			this.add('fitness', plan, `${plan.record.name}${this.either('全民健身广场', '健身路径')}`);
		for (const plan of this.share(this.villages, 0.88))
			this.add('fitness', plan, `${plan.record.name}健身广场`);
		this.second('fitness', fitnessUrban, 0.5);

		for (const plan of this.urban) {
			const shops = this.random.integer(1, 2);
			for (let shop = 0; shop < shops; shop++)
				this.add('convenience', plan, '', { inCompound: shop > 0 });
		}
		for (const plan of this.share(this.urban, 0.45))
			this.add('convenience', plan, `${plan.record.name}菜市场`, { isMarket: true });
		for (const plan of this.villages) this.add('convenience', plan, `${plan.record.name}便民超市`);
	}
}

export function planServicePoints(
	random: Random,
	communities: readonly CommunityPlan[]
): PlannedServicePoint[] {
	const planner = new ServicePlanner(random, communities);
	planner.careServices();
	planner.publicServices();
	planner.everydayServices();
	return planner.planned;
}
