import * as communities from './communities';
import * as network from './network';
import { cityOutline } from '../demo/data/city-outline';

const round = (value: number) => Math.round(value * 1e5) / 1e5;

let cached: { key: number; value: ReturnType<typeof build> } | undefined;

function build() {
	return {
		outline: cityOutline.coordinates.map((polygon) =>
			polygon.map((ring) => ring.map(([lng, lat]) => [round(lng), round(lat)]))
		),
		// ~1 m precision is plenty for drawing and halves the payload.
		streets: network
			.edges()
			.map((edge) => edge.coordinates.map(([lng, lat]) => [round(lng), round(lat)])),
		communities: communities.list().map(({ code, name, centre }) => ({ code, name, centre }))
	};
}

/** What the offline vector base map draws: the city outline, the streets and community labels. */
export function baseMap() {
	const key = network.version();
	if (cached?.key !== key) cached = { key, value: build() };
	return cached.value;
}
