/**
 * Residences: 小区 in the urban communities and 村民小组 in the villages, with households, elders
 * and small children. Residents add up exactly to the city's total (312,700 × scale), ~80% urban.
 */
import { ageProfile, type AgeProfile, type CommunityPlan } from './community-plan';
import type { DraftEdge } from './draft';
import { compoundNamer, villageGroupName } from './names';
import { pointBesideEdge, pointNear, splitWhole } from './placement';
import { toLngLat, type LocalPoint } from './projection';
import type { Random } from './random';
import type { DemoResidence } from './types';

export const residentsAtScaleOne = 312_700;
const urbanShare = 0.8;

/** A 小区 or 村民小组; at benchmark scale it is split into buildings. */
export interface Compound {
	name: string;
	community: CommunityPlan;
	anchor: LocalPoint;
	edge: DraftEdge;
}

const elderlyShareRange: Record<AgeProfile, [number, number]> = {
	older: [0.22, 0.27],
	mixed: [0.17, 0.21],
	newer: [0.12, 0.16],
	village: [0.22, 0.28]
};
const childShareRange: Record<AgeProfile, [number, number]> = {
	older: [0.02, 0.026],
	mixed: [0.026, 0.032],
	newer: [0.032, 0.04],
	village: [0.024, 0.03]
};

/**
 * The demo city has ~1,300 小区 and groups. The benchmark city (~1M residents) is modelled at
 * building level, ~60k residences at scale 3.2, so buildings per compound grow faster than scale.
 */
function buildingsPerCompound(random: Random, scale: number): number {
	return scale <= 1 ? 1 : Math.max(1, Math.round(scale ** 2.3 * random.between(0.6, 1.4)));
}

/** Residents per community: exactly the city's total, ~80% urban; town seats are larger villages. */
function allotResidents(random: Random, communities: readonly CommunityPlan[], scale: number) {
	const total = Math.round(residentsAtScaleOne * scale);
	const urbanResidents = Math.round(total * urbanShare);
	const residentsByCommunity = new Map<CommunityPlan, number>();
	const allot = (plans: CommunityPlan[], sum: number) => {
		const weights = plans.map((plan) => random.between(0.6, 1.4) * (plan.isSeat ? 1.8 : 1));
		splitWhole(sum, weights).forEach((residents, index) =>
			residentsByCommunity.set(plans[index], residents)
		);
	};
	allot(
		communities.filter((plan) => plan.isUrban),
		urbanResidents
	);
	allot(
		communities.filter((plan) => !plan.isUrban),
		total - urbanResidents
	);
	return residentsByCommunity;
}

interface AgeShares {
	elderly: number;
	children: number;
}

/** The buildings of one compound (just the compound itself in the demo city). */
function buildingsOf(
	random: Random,
	compound: Compound,
	residentsInCompound: number,
	shares: AgeShares,
	scale: number
): Omit<DemoResidence, 'key'>[] {
	const { community } = compound;
	const buildings = buildingsPerCompound(random, scale);
	const suffix = buildings === 1 ? '' : community.isUrban ? '号楼' : '号院';
	const jitter = (low: number, high: number) => random.between(low, high);
	const weights = Array.from({ length: buildings }, () => jitter(0.6, 1.4));
	return splitWhole(residentsInCompound, weights).flatMap((residents, buildingIndex) => {
		if (residents === 0) return [];
		// Rounding at random keeps small buildings from losing their fractional elders and infants.
		const share = (value: number) => Math.min(residents, Math.floor(value + random.next()));
		const householdSize = community.isUrban ? jitter(2.35, 2.75) : jitter(2.7, 3.2);
		return {
			name: suffix ? `${compound.name}${buildingIndex + 1}${suffix}` : compound.name,
			communityCode: community.record.code,
			// Buildings stand within 70 m of the compound's gate, itself ≤ 40 m from a street.
			point: toLngLat(buildings === 1 ? compound.anchor : pointNear(random, compound.anchor, 70)),
			households: Math.max(1, Math.round(residents / householdSize)),
			residents,
			elderly60plus: share(residents * shares.elderly * jitter(0.8, 1.2)),
			children0to3: share(residents * shares.children * jitter(0.7, 1.3))
		};
	});
}

export function generateResidences(
	random: Random,
	communities: readonly CommunityPlan[],
	scale: number
): { residences: DemoResidence[]; compounds: Compound[] } {
	const residentsByCommunity = allotResidents(random, communities, scale);
	const nextCompoundName = compoundNamer(random);
	const residences: DemoResidence[] = [];
	const compounds: Compound[] = [];
	for (const community of communities) {
		const profile = ageProfile(community);
		const shares = {
			elderly: random.between(...elderlyShareRange[profile]),
			children: random.between(...childShareRange[profile])
		};
		const perScale = community.isUrban ? random.integer(30, 44) : random.integer(6, 11);
		const weights = Array.from({ length: Math.max(1, Math.round(perScale * scale)) }, () =>
			random.between(0.4, 1.8)
		);
		splitWhole(residentsByCommunity.get(community)!, weights).forEach(
			(residentsInCompound, index) => {
				const edge = community.sampler.sample(random);
				const compound: Compound = {
					name: community.isUrban
						? nextCompoundName()
						: villageGroupName(community.record.name, index + 1),
					community,
					anchor: pointBesideEdge(random, edge, 10, 40),
					edge
				};
				compounds.push(compound);
				for (const residence of buildingsOf(random, compound, residentsInCompound, shares, scale)) {
					residences.push({
						key: `r${String(residences.length + 1).padStart(5, '0')}`,
						...residence
					});
				}
			}
		);
	}
	return { residences, compounds };
}
