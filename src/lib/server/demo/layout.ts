/**
 * Where things are: the urban frame (grown with the scale), the three town centres and the generated
 * community centres. All positions are generated; only the names and codes are real.
 */
import { communityRecords, type CommunityRecord } from './data/communities';
import { isWellInsideCity } from './outline';
import { distanceM, toLocal, type LocalPoint } from './projection';
import type { Random } from './random';

export const xiongguanStreetCode = '620201001';
export const gangchengStreetCode = '620201002';

export interface Town {
	streetCode: string;
	shortName: string; // 新城, used in road names
	centre: LocalPoint;
	/** the village that hosts the town seat and its street grid */
	seatVillageName: string;
	/** the arc (degrees either side of "away from the city") its villages spread over */
	spreadDegrees: number;
}

/**
 * Town centres. 文殊镇 was given as ~(98.18, 39.68), which lies outside the real outline (the
 * southern border runs at ~39.70 there); it is moved north-west to stay well inside.
 */
export const towns: readonly Town[] = [
	{
		streetCode: '620201100',
		shortName: '新城',
		centre: toLocal([98.39, 39.93]),
		seatVillageName: '新城村',
		spreadDegrees: 150
	},
	{
		streetCode: '620201101',
		shortName: '峪泉',
		centre: toLocal([98.2, 39.825]),
		seatVillageName: '嘉峪关村',
		spreadDegrees: 90
	},
	{
		streetCode: '620201102',
		shortName: '文殊',
		centre: toLocal([98.15, 39.73]),
		seatVillageName: '文殊村',
		spreadDegrees: 100
	}
];

export interface UrbanFrame {
	west: number;
	east: number;
	south: number;
	north: number;
	/** residential lane spacing: blocks of ~80–150 m in the demo city, finer in the benchmark city */
	spacingM: number;
	railwayY: number;
}

/**
 * The demo core is ~8 km × 6 km. A larger scale grows the area in proportion (mostly north–south,
 * where the outline leaves room) and the lane density faster, because the benchmark city is modelled
 * at footpath and building granularity (~150–200k edges at scale 3.2).
 */
export function urbanFrame(scale: number): UrbanFrame {
	const halfWidth = 4000 * scale ** 0.35;
	const halfHeight = 3000 * scale ** 0.65;
	const spacingM = 112 / scale ** 0.85;
	// The railway runs east–west south of the centre, midway between two lattice rows.
	const railwayRow = Math.floor((0.7 * halfHeight) / spacingM);
	return {
		west: -halfWidth,
		east: halfWidth,
		south: -halfHeight,
		north: halfHeight,
		spacingM,
		railwayY: -halfHeight + (railwayRow + 0.5) * spacingM
	};
}

export interface ExclusionZone {
	centre: LocalPoint;
	radiusM: number;
}

export interface VillagePlan {
	record: CommunityRecord;
	town: Town;
	centre: LocalPoint;
	isSeat: boolean;
}

function isInFrame(point: LocalPoint, frame: UrbanFrame, paddingM: number): boolean {
	return (
		point.x > frame.west - paddingM &&
		point.x < frame.east + paddingM &&
		point.y > frame.south - paddingM &&
		point.y < frame.north + paddingM
	);
}

/** Villages spread around their town, away from the city, inside the outline and apart. */
export function planVillages(random: Random, frame: UrbanFrame): VillagePlan[] {
	const plans: VillagePlan[] = [];
	for (const town of towns) {
		const villages = communityRecords.filter((record) => record.streetCode === town.streetCode);
		const awayDegrees = (Math.atan2(town.centre.y, town.centre.x) * 180) / Math.PI;
		const others = villages.filter((record) => record.name !== town.seatVillageName);
		for (const record of villages) {
			if (record.name === town.seatVillageName) {
				plans.push({ record, town, centre: town.centre, isSeat: true });
			}
		}
		others.forEach((record, index) => {
			const slot = others.length === 1 ? 0 : index / (others.length - 1) - 0.5;
			let centre: LocalPoint = town.centre;
			for (let attempt = 0; attempt < 200; attempt++) {
				const relax = Math.min(1, attempt / 100);
				const degrees =
					awayDegrees + slot * 2 * town.spreadDegrees + random.between(-15, 15) * (1 + 4 * relax);
				const distance = random.between(1800, 4200 + 2000 * relax);
				const radians = (degrees * Math.PI) / 180;
				const candidate = {
					x: town.centre.x + distance * Math.cos(radians),
					y: town.centre.y + distance * Math.sin(radians)
				};
				const apart = plans.every((plan) => distanceM(plan.centre, candidate) > 1600);
				if (apart && isWellInsideCity(candidate, 700) && !isInFrame(candidate, frame, 2500)) {
					centre = candidate;
					break;
				}
			}
			plans.push({ record, town, centre, isSeat: false });
		});
	}
	return plans;
}

/** Where the urban street grid must leave room for a town or a village of its own. */
export function exclusionZones(villages: readonly VillagePlan[]): ExclusionZone[] {
	return villages.map((plan) => ({ centre: plan.centre, radiusM: plan.isSeat ? 2600 : 1300 }));
}

export function isExcluded(point: LocalPoint, zones: readonly ExclusionZone[]): boolean {
	return zones.some((zone) => distanceM(point, zone.centre) < zone.radiusM);
}

/** 钢城街道 is the steel-works side: east and north-east of 雄关街道. */
function isGangchengSide(point: LocalPoint, frame: UrbanFrame): boolean {
	return point.x + 0.5 * point.y > 0.1 * frame.east;
}

/**
 * Urban community centres by best-candidate sampling (evenly spread, not a visible grid); 铁北 and
 * 铁南 are pinned either side of the railway, as their names say.
 */
export function planUrbanCentres(
	random: Random,
	frame: UrbanFrame,
	zones: readonly ExclusionZone[]
): Map<string, LocalPoint> {
	const centres = new Map<string, LocalPoint>();
	const urban = communityRecords.filter((record) => record.kind === '社区');
	const pinned: Record<string, LocalPoint> = {
		铁北社区: { x: -0.3 * frame.east, y: frame.railwayY + 650 },
		铁南社区: { x: -0.3 * frame.east, y: frame.railwayY - 650 }
	};
	for (const record of urban)
		if (pinned[record.name]) centres.set(record.code, pinned[record.name]);
	for (const record of random.shuffled(urban)) {
		if (centres.has(record.code)) continue;
		const wantsGangcheng = record.streetCode === gangchengStreetCode;
		let best: LocalPoint | undefined;
		let bestClearanceM = -1;
		for (let candidateIndex = 0; candidateIndex < 40; candidateIndex++) {
			const candidate = {
				x: random.between(frame.west, frame.east),
				y: random.between(frame.south, frame.north)
			};
			if (isGangchengSide(candidate, frame) !== wantsGangcheng) continue;
			if (Math.abs(candidate.y - frame.railwayY) < 300) continue;
			if (isExcluded(candidate, zones) || !isWellInsideCity(candidate, 600)) continue;
			const clearanceM = Math.min(...[...centres.values()].map((c) => distanceM(c, candidate)));
			if (clearanceM > bestClearanceM) {
				best = candidate;
				bestClearanceM = clearanceM;
			}
		}
		centres.set(record.code, best ?? { x: 0, y: frame.railwayY + 400 });
	}
	return centres;
}
