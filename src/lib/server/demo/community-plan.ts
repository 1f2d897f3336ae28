/**
 * Each community as the generator sees it: its real record, its generated centre (a network node)
 * and the edges along which its residences and service points are placed.
 */
import type { CommunityRecord } from './data/communities';
import type { DraftEdge } from './draft';
import { gangchengStreetCode, type Town, type VillagePlan } from './layout';
import { EdgeSampler } from './placement';
import { distanceM, toLocal, type LocalPoint } from './projection';
import { nearestVertex } from './rural-network';
import type { LngLat } from './types';

export interface CommunityPlan {
	record: CommunityRecord;
	isUrban: boolean;
	/** the village hosting its town's seat and street grid */
	isSeat: boolean;
	town?: Town;
	centre: LngLat;
	/** the edge the centre lies on, for its address */
	centreEdge: DraftEdge;
	edges: DraftEdge[];
	/** how far residences spread around the centre (one standard deviation) */
	spreadM: number;
	sampler: EdgeSampler;
}

/** Old steel-works and railway estates: more elders, fewer small children. */
const olderCommunities = new Set(
	'福民社区 胜利社区 人民社区 友谊社区 雄关社区 铁北社区 铁南社区 大众社区 新华社区 利民社区 五一社区 兰新社区 建设社区'.split(
		' '
	)
);
/** Estates built since the 2000s: younger families. */
const newerCommunities = new Set(
	'峪苑社区 曙光社区 和诚社区 迎宾社区 德惠社区 昌盛社区 佳苑社区 朝晖社区 紫轩社区 明珠社区 南湖社区'.split(
		' '
	)
);

export type AgeProfile = 'older' | 'newer' | 'mixed' | 'village';

export function ageProfile(plan: CommunityPlan): AgeProfile {
	if (!plan.isUrban) return 'village';
	if (olderCommunities.has(plan.record.name)) return 'older';
	return newerCommunities.has(plan.record.name) ? 'newer' : 'mixed';
}

export function districtOf(plan: CommunityPlan): string {
	return plan.record.streetCode === gangchengStreetCode ? '镜铁区' : '雄关区';
}

export function planCommunities(
	records: readonly CommunityRecord[],
	edges: readonly DraftEdge[],
	urbanCentres: ReadonlyMap<string, LocalPoint>,
	villages: readonly VillagePlan[],
	urbanSpreadM: number
): CommunityPlan[] {
	const edgesByOwner = new Map<string, DraftEdge[]>();
	for (const edge of edges) {
		if (!edge.owner) continue;
		const list = edgesByOwner.get(edge.owner) ?? [];
		list.push(edge);
		edgesByOwner.set(edge.owner, list);
	}
	return records.map((record) => {
		const own = edgesByOwner.get(record.code);
		if (!own?.length) throw new Error(`demo city: no streets generated for ${record.name}`);
		const village = villages.find((plan) => plan.record.code === record.code);
		const planned = urbanCentres.get(record.code) ?? village?.centre ?? { x: 0, y: 0 };
		// The community service centre stands on a street corner near the planned spot.
		const centre = nearestVertex(own, planned);
		const centreEdge = own.reduce((best, edge) =>
			distanceM(toLocal(edge.coordinates[0]), toLocal(centre)) <
			distanceM(toLocal(best.coordinates[0]), toLocal(centre))
				? edge
				: best
		);
		const isUrban = record.kind === '社区';
		const spreadM = isUrban ? urbanSpreadM : village?.isSeat ? 380 : 220;
		return {
			record,
			isUrban,
			isSeat: village?.isSeat ?? false,
			town: village?.town,
			centre,
			centreEdge,
			edges: own,
			spreadM,
			sampler: new EdgeSampler(own, toLocal(centre), spreadM)
		};
	});
}
