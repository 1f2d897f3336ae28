import { asc, eq } from 'drizzle-orm';
import { elderlySpeedMps } from '$lib/geo';
import type { Db } from '../db';
import { community, residence, street } from '../db/schema';
import { lifeCircle, type Home } from '../coverage';
import * as communities from '../directory/communities';

/** The tasks the 长辈版 home offers, in the order elders come for them (category codes). */
export const elderTasks = ['meal', 'clinic', 'legal', 'childcare'] as const;
export type ElderTask = (typeof elderTasks)[number];

export function isElderTask(code: string): code is ElderTask {
	return (elderTasks as readonly string[]).includes(code);
}

/** How many places a list shows: enough to choose, few enough to read aloud. */
const placesShown = 5;

/**
 * The nearest places of one category from home, by walking minutes at the elderly pace (0.9 m/s),
 * each with its next free time this week (the life-circle engine, as on /map).
 */
export async function nearestPlaces(db: Db, home: Home, category: ElderTask, now = Date.now()) {
	const circle = await lifeCircle(db, home.point, elderlySpeedMps, now, placesShown);
	return circle.categories.find((c) => c.category === category)?.points ?? [];
}

/** The community whose phone every 长辈版 page shows: the person's own, else their home's. */
export async function communityHelp(
	db: Db,
	user: { communityCode: string | null } | null,
	home: Home | null
) {
	const code = user?.communityCode ?? (home?.kind === 'residence' ? home.communityCode : null);
	const found = code ? await communities.get(db, code) : null;
	return found ? { code: found.code, name: found.name, phone: found.phone } : null;
}

/** Step one of choosing a home: the communities and villages, by street or town. */
export async function communitiesByStreet(db: Db) {
	const rows = await db
		.select({ code: community.code, name: community.name, streetName: street.name })
		.from(community)
		.innerJoin(street, eq(street.code, community.streetCode))
		.orderBy(asc(community.streetCode), asc(community.code));
	const streets = new Map<string, { code: string; name: string }[]>();
	for (const row of rows) {
		const list = streets.get(row.streetName) ?? [];
		list.push({ code: row.code, name: row.name });
		streets.set(row.streetName, list);
	}
	return [...streets].map(([name, list]) => ({ name, communities: list }));
}

/** Step two: the residences (小区 or village groups) of one community, by name. */
export async function residencesOf(db: Db, communityCode: string) {
	return await db
		.select({ id: residence.id, name: residence.name })
		.from(residence)
		.where(eq(residence.communityCode, communityCode))
		.orderBy(asc(residence.name), asc(residence.id));
}
