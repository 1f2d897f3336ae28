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

export function generateResidences(
	random: Random,
	communities: readonly CommunityPlan[],
	scale: number
): { residences: DemoResidence[]; compounds: Compound[] } {
	const totalResidents = Math.round(residentsAtScaleOne * scale);
	const urban = communities.filter((plan) => plan.isUrban);
	const villages = communities.filter((plan) => !plan.isUrban);
	const urbanResidents = Math.round(totalResidents * urbanShare);
	const residentsByCode = new Map<string, number>();
	const allot = (plans: CommunityPlan[], total: number) => {
		const weights = plans.map((plan) => random.between(0.6, 1.4) * (plan.isSeat ? 1.8 : 1));
		splitWhole(total, weights).forEach((residents, index) =>
			residentsByCode.set(plans[index].record.code, residents)
		);
	};
	allot(urban, urbanResidents);
	allot(villages, totalResidents - urbanResidents);

	const nextCompoundName = compoundNamer(random);
	const residences: DemoResidence[] = [];
	const compounds: Compound[] = [];
	for (const community of communities) {
		const profile = ageProfile(community);
		const elderlyShare = random.between(...elderlyShareRange[profile]);
		const childShare = random.between(...childShareRange[profile]);
		const compoundCount = Math.max(
			1,
			Math.round((community.isUrban ? random.integer(30, 44) : random.integer(6, 11)) * scale)
		);
		const compoundResidents = splitWhole(
			residentsByCode.get(community.record.code)!,
			Array.from({ length: compoundCount }, () => random.between(0.4, 1.8))
		);
		compoundResidents.forEach((residentsInCompound, compoundIndex) => {
			const edge = community.sampler.sample(random);
			const compound: Compound = {
				name: community.isUrban
					? nextCompoundName()
					: villageGroupName(community.record.name, compoundIndex + 1),
				community,
				anchor: pointBesideEdge(random, edge, 10, 40),
				edge
			};
			compounds.push(compound);
			const buildings = buildingsPerCompound(random, scale);
			const buildingResidents = splitWhole(
				residentsInCompound,
				Array.from({ length: buildings }, () => random.between(0.6, 1.4))
			);
			buildingResidents.forEach((residents, buildingIndex) => {
				if (residents === 0) return;
				const suffix = buildings === 1 ? '' : community.isUrban ? '号楼' : '号院';
				const jitter = (low: number, high: number) => random.between(low, high);
				// Rounding at random keeps small buildings from losing their fractional elders and infants.
				const share = (value: number) => Math.min(residents, Math.floor(value + random.next()));
				residences.push({
					key: `r${String(residences.length + 1).padStart(5, '0')}`,
					name: suffix ? `${compound.name}${buildingIndex + 1}${suffix}` : compound.name,
					communityCode: community.record.code,
					// Buildings stand within 70 m of the compound's gate, itself ≤ 40 m from a street.
					point: toLngLat(
						buildings === 1 ? compound.anchor : pointNear(random, compound.anchor, 70)
					),
					households: Math.max(
						1,
						Math.round(residents / (community.isUrban ? jitter(2.35, 2.75) : jitter(2.7, 3.2)))
					),
					residents,
					elderly60plus: share(residents * elderlyShare * jitter(0.8, 1.2)),
					children0to3: share(residents * childShare * jitter(0.7, 1.3))
				});
			});
		});
	}
	return { residences, compounds };
}
