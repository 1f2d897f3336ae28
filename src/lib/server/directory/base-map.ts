import type { Db } from '../db';
import * as communities from './communities';
import * as network from './network';
import { cityOutline } from './city-outline';

const round = (value: number) => Math.round(value * 1e5) / 1e5;

let cached: { key: number; value: ReturnType<typeof build> } | undefined;

function build(db: Db) {
	return {
		outline: cityOutline.coordinates.map((polygon) =>
			polygon.map((ring) => ring.map(([lng, lat]) => [round(lng), round(lat)]))
		),
		// ~1 m precision is plenty for drawing and halves the payload.
		streets: network
			.edges(db)
			.map((edge) => edge.coordinates.map(([lng, lat]) => [round(lng), round(lat)])),
		communities: communities.list(db).map(({ code, name, centre }) => ({ code, name, centre }))
	};
}

/** What the offline vector base map draws: the city outline, the streets and community labels. */
export function baseMap(db: Db) {
	const key = network.version(db);
	if (cached?.key !== key) cached = { key, value: build(db) };
	return cached.value;
}
