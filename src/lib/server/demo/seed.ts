import { count } from 'drizzle-orm';
import type { Db } from '../db';
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
	accounts: DemoAccount[];
}

export function isDatabaseEmpty(db: Db): boolean {
	const [{ n }] = db.select({ n: count() }).from(community).all();
	return n === 0;
}

function insertChunked<T>(rows: T[], insert: (chunk: T[]) => { changes: number }): number {
	let inserted = 0;
	for (let i = 0; i < rows.length; i += 400) inserted += insert(rows.slice(i, i + 400)).changes;
	return inserted;
}

/** Loads the generated demo city, its accounts and a history of bookings into an empty database. */
export async function seedDemoCity(
	db: Db,
	options: { seed?: number; scale?: number; now?: number } = {}
): Promise<SeedSummary> {
	const seed = options.seed ?? demoSeed;
	const now = options.now ?? Date.now();
	const city = generateDemoCity({ seed, scale: options.scale ?? 1 });
	const pointIds = new Map<string, number>();

	db.$client.transaction(() => {
		db.insert(street).values(city.streets).run();
		db.insert(community)
			.values(
				city.communities.map((c) => ({
					...c,
					centreLng: c.centre[0],
					centreLat: c.centre[1],
					generated: true
				}))
			)
			.run();
		db.insert(serviceCategory)
			.values([...defaultCategories])
			.run();
		insertChunked(city.residences, (chunk) =>
			db
				.insert(residence)
				.values(chunk.map((r) => ({ ...r, lng: r.point[0], lat: r.point[1], generated: true })))
				.run()
		);
		for (const point of city.servicePoints) {
			const [row] = db
				.insert(servicePoint)
				.values({ ...point, lng: point.point[0], lat: point.point[1], generated: true })
				.returning({ id: servicePoint.id })
				.all();
			pointIds.set(point.key, row.id);
		}
		insertChunked(city.openingRules, (chunk) =>
			db
				.insert(openingRule)
				.values(chunk.map((r) => ({ ...r, servicePointId: pointIds.get(r.servicePointKey)! })))
				.run()
		);
		insertChunked(city.network, (chunk) =>
			db
				.insert(roadEdge)
				.values(chunk.map((e) => ({ ...e, generated: true })))
				.run()
		);
		db.insert(meta)
			.values([
				{ key: 'dataset', value: 'demo' },
				{ key: 'demo_seed', value: String(seed) },
				{ key: 'seeded_at', value: new Date(now).toISOString() }
			])
			.run();
	})();

	const today = localDate(now);
	let slots = materialiseSlots(db, {
		fromDate: addDays(today, -historyDays),
		toDate: addDays(today, -1),
		now
	});
	slots += materialiseSlots(db, { now });
	const accounts = await seedDemoAccounts(db);
	const history = seedHistory(db, { seed, now });

	return {
		communities: city.communities.length,
		residences: city.residences.length,
		servicePoints: city.servicePoints.length,
		roadEdges: city.network.length,
		slots,
		...history,
		accounts
	};
}
