/** Generated addresses and phone numbers (Jiayuguan's area code is 0937). */
import { districtOf, type CommunityPlan } from './community-plan';
import type { DraftEdge } from './draft';
import type { Random } from './random';

export function phoneNumber(random: Random): string {
	// Local fixed lines are seven digits; Jiayuguan's start with 6.
	return `0937-6${String(random.integer(200_000, 399_999))}`;
}

/** '嘉峪关市雄关区胜利路128号' in town, '嘉峪关市新城镇野麻湾村36号' in a village. */
export function address(random: Random, community: CommunityPlan, edge: DraftEdge): string {
	if (community.isUrban && edge.addressRoad) {
		return `嘉峪关市${districtOf(community)}${edge.addressRoad}${random.integer(1, 320)}号`;
	}
	const town = community.town ? `${community.town.shortName}镇` : '';
	return `嘉峪关市${town}${community.record.name}${random.integer(1, 180)}号`;
}
