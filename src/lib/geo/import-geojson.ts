import type { LngLat } from './types';

/** Throws a clear error unless `value` is a [lng, lat] pair inside WGS84 ranges. */
export function readPosition(value: unknown, where: string): LngLat {
	if (!Array.isArray(value) || value.length < 2) {
		throw new Error(`${where}: a position must be an array [longitude, latitude]`);
	}
	const [lng, lat] = value;
	if (typeof lng !== 'number' || typeof lat !== 'number' || !isFinite(lng) || !isFinite(lat)) {
		throw new Error(`${where}: position ${JSON.stringify(value)} is not two numbers`);
	}
	if (Math.abs(lng) > 180 || Math.abs(lat) > 90) {
		throw new Error(
			`${where}: position [${lng}, ${lat}] is outside WGS84 ranges (longitude ±180, latitude ±90)` +
				' — is the file projected, or are longitude and latitude swapped?'
		);
	}
	return [lng, lat];
}

function readLine(value: unknown, where: string): LngLat[] {
	if (!Array.isArray(value)) throw new Error(`${where}: LineString coordinates must be an array`);
	if (value.length < 2) throw new Error(`${where}: a LineString needs at least two positions`);
	return value.map((position, i) => readPosition(position, `${where}, position ${i}`));
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function linesOfGeometry(geometry: unknown, where: string): LngLat[][] {
	if (!isObject(geometry)) throw new Error(`${where}: missing geometry`);
	switch (geometry.type) {
		case 'LineString':
			return [readLine(geometry.coordinates, where)];
		case 'MultiLineString':
			if (!Array.isArray(geometry.coordinates)) {
				throw new Error(`${where}: MultiLineString coordinates must be an array`);
			}
			return geometry.coordinates.map((line, i) => readLine(line, `${where}, line ${i}`));
		case 'GeometryCollection':
			if (!Array.isArray(geometry.geometries)) {
				throw new Error(`${where}: GeometryCollection without geometries`);
			}
			return geometry.geometries.flatMap((g, i) => linesOfGeometry(g, `${where}, geometry ${i}`));
		default:
			throw new Error(
				`${where}: geometry type ${JSON.stringify(geometry.type)} is not a LineString or MultiLineString`
			);
	}
}

/** Parses GeoJSON text into an object, with a clear error when it is not GeoJSON at all. */
export function parseGeoJsonText(text: string, label = 'input'): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new Error(`${label} is not valid JSON: ${(error as Error).message}`);
	}
	if (!isObject(parsed) || typeof parsed.type !== 'string') {
		throw new Error(`${label} is not GeoJSON: expected an object with a "type"`);
	}
	return parsed;
}

/** The walking network of a GeoJSON FeatureCollection / Feature / geometry of (Multi)LineStrings. */
export function parseGeoJsonNetwork(input: string | Record<string, unknown>): LngLat[][] {
	const geojson = typeof input === 'string' ? parseGeoJsonText(input, 'network') : input;
	if (geojson.type === 'FeatureCollection') {
		if (!Array.isArray(geojson.features)) throw new Error('FeatureCollection without "features"');
		return geojson.features.flatMap((feature, i) => {
			if (!isObject(feature) || feature.type !== 'Feature') {
				throw new Error(`feature ${i}: not a GeoJSON Feature`);
			}
			return linesOfGeometry(feature.geometry, `feature ${i}`);
		});
	}
	if (geojson.type === 'Feature') return linesOfGeometry(geojson.geometry, 'feature');
	return linesOfGeometry(geojson, 'geometry');
}

export interface PointFeature {
	id: string;
	point: LngLat;
	properties: Record<string, unknown>;
}

/**
 * Point features with an id (the `id` property, else the feature's id); for services and
 * residences. `requiredProperties` must be present and non-empty on every feature.
 */
export function parseGeoJsonPoints(
	input: string | Record<string, unknown>,
	label: string,
	requiredProperties: readonly string[] = []
): PointFeature[] {
	const geojson = typeof input === 'string' ? parseGeoJsonText(input, label) : input;
	if (geojson.type !== 'FeatureCollection' || !Array.isArray(geojson.features)) {
		throw new Error(`${label} must be a GeoJSON FeatureCollection of Point features`);
	}
	const seen = new Set<string>();
	return geojson.features.map((feature, i) => {
		const where = `${label} feature ${i}`;
		if (!isObject(feature) || !isObject(feature.geometry)) throw new Error(`${where}: no geometry`);
		if (feature.geometry.type !== 'Point') {
			throw new Error(
				`${where}: geometry type ${JSON.stringify(feature.geometry.type)} is not Point`
			);
		}
		const properties = isObject(feature.properties) ? feature.properties : {};
		const rawId = properties.id ?? feature.id;
		if ((typeof rawId !== 'string' && typeof rawId !== 'number') || rawId === '') {
			throw new Error(`${where}: missing "id" property`);
		}
		const id = String(rawId);
		if (seen.has(id)) throw new Error(`${where}: duplicate id ${JSON.stringify(id)}`);
		seen.add(id);
		for (const name of requiredProperties) {
			const value = properties[name];
			if (value === undefined || value === null || value === '') {
				throw new Error(`${where} (id ${id}): missing "${name}" property`);
			}
		}
		return { id, point: readPosition(feature.geometry.coordinates, where), properties };
	});
}
