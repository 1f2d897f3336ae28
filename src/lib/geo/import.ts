import { parseGeoJsonNetwork } from './import-geojson';
import { parseOsmNetwork, parseOsmNetworkPausing } from './import-osm';
import type { LngLat } from './types';

export type NetworkFormat = 'geojson' | 'osm';

/** Guesses the format from the file name, else from the first non-blank character. */
export function detectNetworkFormat(text: string, fileName = ''): NetworkFormat {
	const lower = fileName.toLowerCase();
	if (lower.endsWith('.osm') || lower.endsWith('.xml')) return 'osm';
	if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
	return text.trimStart().startsWith('<') ? 'osm' : 'geojson';
}

/** A walking network from GeoJSON or OSM XML text, as LineString coordinate arrays. */
export function parseNetwork(text: string, fileName = ''): LngLat[][] {
	const lines =
		detectNetworkFormat(text, fileName) === 'osm'
			? parseOsmNetwork(text)
			: parseGeoJsonNetwork(text);
	if (lines.length === 0) throw new Error(`${fileName || 'network'}: no walkable lines found`);
	return lines;
}

/**
 * parseNetwork for a server: an OSM file is read in steps with `pause()` awaited in between (a
 * GeoJSON file is one JSON.parse, which is native and fast).
 */
export async function parseNetworkPausing(
	text: string,
	fileName: string,
	pause: () => Promise<void>
): Promise<LngLat[][]> {
	const lines =
		detectNetworkFormat(text, fileName) === 'osm'
			? await parseOsmNetworkPausing(text, pause)
			: parseGeoJsonNetwork(text);
	if (lines.length === 0) throw new Error(`${fileName || 'network'}: no walkable lines found`);
	return lines;
}

/** The normalized network as a GeoJSON FeatureCollection of LineStrings (6 decimals ≈ 0.1 m). */
export function networkToGeoJson(lines: readonly LngLat[][]) {
	return {
		type: 'FeatureCollection' as const,
		features: lines.map((line) => ({
			type: 'Feature' as const,
			properties: {},
			geometry: {
				type: 'LineString' as const,
				coordinates: line.map(([lng, lat]) => [
					Math.round(lng * 1e6) / 1e6,
					Math.round(lat * 1e6) / 1e6
				])
			}
		}))
	};
}
