/**
 * The deterministic demo city: Jiayuguan's real streets, towns, communities and villages with
 * everything else generated from a seed — community centres, the walking network, residences,
 * service points and their opening rules. The same seed and scale always give the same city.
 * Scale 1 is the demo city (~312,700 residents); ~3.2 is the benchmark city (~1M residents).
 */
import { planCommunities } from './community-plan';
import { address, phoneNumber } from './contact';
import { communityRecords } from './data/communities';
import { streetRecords } from './data/streets';
import { exclusionZones, planUrbanCentres, planVillages, urbanFrame } from './layout';
import { buildNetwork } from './network';
import { Random } from './random';
import { generateResidences } from './residences';
import { planServicePoints } from './service-plan';
import { generateServicePoints } from './service-points';
import type { DemoCity } from './types';

export type * from './types';

export const defaultDemoSeed = 20261126;

export interface DemoCityOptions {
	seed?: number;
	/** 1 = the demo city; ~3.2 = the benchmark city (~1M residents, ~60k residences) */
	scale?: number;
}

export function generateDemoCity(options: DemoCityOptions = {}): DemoCity {
	const seed = options.seed ?? defaultDemoSeed;
	const scale = options.scale ?? 1;
	if (!Number.isInteger(seed))
		throw new RangeError(`demo city seed must be an integer, got ${seed}`);
	if (!(scale >= 0.1 && scale <= 5))
		throw new RangeError(`demo city scale must be 0.1–5, got ${scale}`);

	const layoutRandom = Random.forStage(seed, 'layout');
	const frame = urbanFrame(scale);
	const villages = planVillages(layoutRandom, frame);
	const urbanCentres = planUrbanCentres(layoutRandom, frame, exclusionZones(villages));
	const network = buildNetwork(
		Random.forStage(seed, 'network'),
		frame,
		villages,
		urbanCentres,
		scale
	);

	// Residences spread around each urban centre over ~a third of a community's radius (compact enough for realistic 5-minute coverage).
	const urbanCount = communityRecords.filter((record) => record.kind === '社区').length;
	const urbanAreaM2 = (frame.east - frame.west) * (frame.north - frame.south) * 0.85;
	const urbanSpreadM = 0.36 * Math.sqrt(urbanAreaM2 / (Math.PI * urbanCount));
	const communities = planCommunities(
		communityRecords,
		network.edges,
		urbanCentres,
		villages,
		urbanSpreadM
	);

	const { residences, compounds } = generateResidences(
		Random.forStage(seed, 'residences'),
		communities,
		scale
	);
	const serviceRandom = Random.forStage(seed, 'service-points');
	const planned = planServicePoints(serviceRandom, communities);
	const { servicePoints, openingRules } = generateServicePoints(
		serviceRandom,
		planned,
		compounds,
		scale
	);

	const contactRandom = Random.forStage(seed, 'contacts');
	return {
		seed,
		scale,
		streets: streetRecords.map((street) => ({ ...street, urban: street.kind === '街道' })),
		communities: communities.map((plan) => ({
			code: plan.record.code,
			name: plan.record.name,
			kind: plan.record.kind,
			streetCode: plan.record.streetCode,
			centre: plan.centre,
			address: address(contactRandom, plan, plan.centreEdge),
			phone: phoneNumber(contactRandom)
		})),
		residences,
		servicePoints,
		openingRules,
		network: network.edges.map(({ coordinates, kind, name }) => ({
			coordinates,
			kind,
			...(name ? { name } : {})
		})),
		// The generator joins every part by road and drops fragments cut off by missing links.
		islands: [],
		railway: network.railway
	};
}
