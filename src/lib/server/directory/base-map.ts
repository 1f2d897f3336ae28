import type { Db } from '../db';
import * as communities from './communities';
import * as network from './network';
import { cityOutline } from './city-outline';

const round = (value: number) => Math.round(value * 1e5) / 1e5;

let cached: { key: number; value: Awaited<ReturnType<typeof build>> } | undefined;

async function build(db: Db) {
	const edges = await network.edges(db);
	const list = await communities.list(db);
	return {
		outline: cityOutline.coordinates.map((polygon) =>
			polygon.map((ring) => ring.map(([lng, lat]) => [round(lng), round(lat)]))
		),
		// ~1 m precision is plenty for drawing and halves the payload.
		streets: edges.map((edge) => edge.coordinates.map(([lng, lat]) => [round(lng), round(lat)])),
		communities: list.map(({ code, name, centre }) => ({ code, name, centre }))
	};
}

/** What the offline vector base map draws: the city outline, the streets and community labels. */
export async function baseMap(db: Db) {
	const key = await network.version(db);
	if (cached?.key !== key) cached = { key, value: await build(db) };
	return cached.value;
}
