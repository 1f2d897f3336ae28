import { count } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { insertMany } from './bulk-insert';
import {
	community,
	meta,
	openingRule,
	residence,
	roadEdge,
	serviceCategory,
	servicePoint,
	street
} from '../db/schema';
import { defaultCategories } from '$lib/categories';
import { generateDemoCity } from './index';
import { materialiseSlots } from '../booking';
import { addDays, localDate } from '$lib/time';
import { seedDemoAccounts } from './seed-accounts';
import type { DemoAccount } from '../accounts/demo';
import { seedHistory } from './seed-history';
import { seedDemoNotices } from './notices';
import { seedCommunityFacts } from './community-facts';
import { seedNeeds } from './needs';
import { seedVolunteers } from './volunteers';

export const demoSeed = 20261126;
const historyDays = 28;

export interface SeedSummary {
	communities: number;
	residences: number;
	servicePoints: number;
	roadEdges: number;
	slots: number;
	bookings: number;
	ratings: number;
	volunteers: Awaited<ReturnType<typeof seedVolunteers>>;
	accounts: DemoAccount[];
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
	const [{ n }] = await db.select({ n: count() }).from(community);
	return n === 0;
}

/** Loads the generated demo city, its accounts and a history of bookings into an empty database. */
export async function seedDemoCity(
	db: Db,
	options: { seed?: number; scale?: number; now?: number } = {}
): Promise<SeedSummary> {
	const seed = options.seed ?? demoSeed;
	const now = options.now ?? Date.now();
	const city = generateDemoCity({ seed, scale: options.scale ?? 1 });

	await transaction(db, async (tx) => {
		await tx.insert(street).values(city.streets);
		await insertMany(
			tx,
			community,
			city.communities.map((c) => ({
				...c,
				centreLng: c.centre[0],
				centreLat: c.centre[1],
				generated: true
			}))
		);
		await tx.insert(serviceCategory).values([...defaultCategories]);
		await insertMany(
			tx,
			residence,
			city.residences.map((r) => ({ ...r, lng: r.point[0], lat: r.point[1], generated: true }))
		);
		// one at a time: the opening rules refer to each point by the id it was given
		const pointIds = new Map<string, number>();
		for (const point of city.servicePoints) {
			const [row] = await tx
				.insert(servicePoint)
				.values({ ...point, lng: point.point[0], lat: point.point[1], generated: true })
				.returning({ id: servicePoint.id });
			pointIds.set(point.key, row.id);
		}
		await insertMany(
			tx,
			openingRule,
			city.openingRules.map((r) => ({ ...r, servicePointId: pointIds.get(r.servicePointKey)! }))
		);
		await insertMany(
			tx,
			roadEdge,
			city.network.map((e) => ({ ...e, generated: true }))
		);
		await tx.insert(meta).values([
			{ key: 'dataset', value: 'demo' },
			{ key: 'demo_seed', value: String(seed) },
			{ key: 'seeded_at', value: new Date(now).toISOString() }
		]);
	});

	await seedCommunityFacts(db, city, { seed, now });

	const today = localDate(now);
	// the past month's slots for the history, then the coming ones
	let slots = await transaction(db, async (tx) =>
		materialiseSlots(tx, {
			fromDate: addDays(today, -historyDays),
			toDate: addDays(today, -1),
			now
		})
	);
	slots += await transaction(db, async (tx) => materialiseSlots(tx, { now }));
	const accounts = await seedDemoAccounts(db);
	const history = await seedHistory(db, { seed, now });
	await seedDemoNotices(db, { now });
	await seedNeeds(db, { now });
	const volunteers = await seedVolunteers(db, { seed, now });

	return {
		communities: city.communities.length,
		residences: city.residences.length,
		servicePoints: city.servicePoints.length,
		roadEdges: city.network.length,
		slots,
		...history,
		volunteers,
		accounts
	};
}
