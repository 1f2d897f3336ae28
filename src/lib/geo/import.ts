import {
	scanGeoJsonLines,
	scanGeoJsonPoints,
	ScanGaveUp,
	type FlatLines,
	type FlatPoints
} from './geojson-scan';
import { flattenLines } from './graph';
import { parseGeoJsonNetwork, parseGeoJsonPoints } from './import-geojson';
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

/** UTF-8 as readFileSync(path, 'utf8') decodes it (a byte order mark kept, so JSON.parse words it). */
const utf8Text = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * parseNetwork for a file's bytes, as flat lines: GeoJSON is scanned without building its object
 * graph (geojson-scan.ts); OSM XML, unusual GeoJSON and every error go through parseNetwork, so the
 * lines and the messages are the same.
 */
export function parseNetworkBytes(bytes: Uint8Array, fileName = ''): FlatLines {
	let first = 0;
	while (first < bytes.length && bytes[first] <= 0x20) first++;
	const looksXml = bytes[first] === 0x3c;
	if (detectNetworkFormat(looksXml ? '<' : '{', fileName) === 'geojson') {
		try {
			const lines = scanGeoJsonLines(bytes);
			if (lines.lineStart.length > 1) return lines;
		} catch (error) {
			if (!(error instanceof ScanGaveUp)) throw error;
		}
	}
	return flattenLines(parseNetwork(utf8Text.decode(bytes), fileName));
}

/**
 * parseGeoJsonPoints for a file's bytes, as flat arrays with the `wanted` properties; like
 * parseNetworkBytes, anything the scan does not read goes through parseGeoJsonPoints.
 */
export function parsePointBytes(
	bytes: Uint8Array,
	label: string,
	wanted: readonly string[],
	required: readonly string[] = []
): FlatPoints {
	try {
		return scanGeoJsonPoints(bytes, wanted, required);
	} catch (error) {
		if (!(error instanceof ScanGaveUp)) throw error;
	}
	const features = parseGeoJsonPoints(utf8Text.decode(bytes), label, required);
	return {
		ids: features.map((feature) => feature.id),
		lng: Float64Array.from(features, (feature) => feature.point[0]),
		lat: Float64Array.from(features, (feature) => feature.point[1]),
		properties: Object.fromEntries(
			wanted.map((name) => [
				name,
				features.map(
					(feature) => feature.properties[name] as string | number | boolean | null | undefined
				)
			])
		)
	};
}
