import { insertInChunks, transaction, type Db } from '../db';
import { communityFacts } from '../db/schema';
import { dayMs } from '$lib/time';
import { Random } from './random';
import type { DemoCity } from './types';

/**
 * Generated facts for the plan's indicator table (marked `generated`), plausible and anchored on the
 * plan's real 2020 base where it gives one: every community and village has a service centre, the
 * centres give at least 30 m² per 100 households, and the urban communities have 25 community
 * workers per 10,000 residents. The rest (floor areas, terminals, grid and welfare posts) is invented.
 * A few communities have no facts and a few were last confirmed over a year ago, so that the
 * planning view's "to update" list has something to show.
 */
const spareNames = new Set(['胜利社区', '五一社区']);

export function generateCommunityFacts(
	city: Pick<DemoCity, 'communities' | 'residences'>,
	options: { seed: number; now: number }
) {
	const random = Random.forStage(options.seed, 'community-facts');
	const people = new Map<string, { households: number; residents: number }>();
	for (const r of city.residences) {
		const p = people.get(r.communityCode) ?? { households: 0, residents: 0 };
		p.households += r.households;
		p.residents += r.residents;
		people.set(r.communityCode, p);
	}
	// the demo accounts' communities always have facts: the staff walk-through starts from them
	const candidates = city.communities.filter((c) => !spareNames.has(c.name));
	const order = random.shuffled(candidates.map((c) => c.code));
	const missing = new Set(order.slice(0, 2));
	const stale = new Set(order.slice(2, 5));
	const rows = city.communities
		.filter((c) => !missing.has(c.code))
		.map((c) => {
			const urban = c.kind === '社区';
			const { households, residents } = people.get(c.code) ?? { households: 0, residents: 0 };
			const centre = urban
				? Math.max(300, Math.round((households / 100) * random.between(31, 46)))
				: Math.round(random.between(200, 650));
			const total = Math.round(households * random.between(85, 115) + random.between(2000, 8000));
			const ageDays = stale.has(c.code) ? random.integer(380, 560) : random.integer(5, 320);
			return {
				communityCode: c.code,
				centreAreaM2: centre,
				activityAreaM2: Math.round(centre * random.between(0.5, 0.75)),
				totalBuildingAreaM2: total,
				commercialServiceAreaM2: Math.round(total * random.between(0.06, 0.14)),
				selfService: random.chance(urban ? 0.9 : 0.6),
				committeeMembers: random.integer(5, 7),
				fullTimeWorkers: urban
					? Math.max(1, Math.round((residents * 25) / 10000 - 6 + random.between(-2, 2)))
					: random.integer(0, 2),
				gridWorkers: Math.max(1, Math.round(households / random.between(250, 400))),
				publicWelfareWorkers: random.integer(0, 4),
				confirmedAt: new Date(options.now - ageDays * dayMs),
				confirmedByUserId: null,
				generated: true
			};
		});
	anchorWorkers(rows, city, people);
	return rows;
}

/** Adjusts the largest urban community so the urban communities have 25 workers per 10,000 (the plan's 2020 base). */
function anchorWorkers(
	rows: ReturnType<typeof generateCommunityFacts>,
	city: Pick<DemoCity, 'communities'>,
	people: Map<string, { residents: number }>
) {
	const urban = new Set(city.communities.filter((c) => c.kind === '社区').map((c) => c.code));
	const urbanRows = rows.filter((r) => urban.has(r.communityCode));
	if (urbanRows.length === 0) return;
	const residents = urbanRows.reduce(
		(s, r) => s + (people.get(r.communityCode)?.residents ?? 0),
		0
	);
	const workers = urbanRows.reduce((s, r) => s + r.committeeMembers + r.fullTimeWorkers, 0);
	const largest = urbanRows.reduce((a, b) =>
		(people.get(a.communityCode)?.residents ?? 0) >= (people.get(b.communityCode)?.residents ?? 0)
			? a
			: b
	);
	largest.fullTimeWorkers = Math.max(
		0,
		largest.fullTimeWorkers + Math.round((residents * 25) / 10000) - workers
	);
}

export async function seedCommunityFacts(
	db: Db,
	city: Pick<DemoCity, 'communities' | 'residences'>,
	options: { seed: number; now: number }
): Promise<void> {
	const rows = generateCommunityFacts(city, options);
	await transaction(db, async (tx) => insertInChunks(tx, communityFacts, rows));
}
