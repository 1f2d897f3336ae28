import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanGeoJsonLines, scanGeoJsonPoints, ScanGaveUp } from './geojson-scan';
import { flattenLines } from './graph';
import { parseNetwork, parseNetworkBytes, parsePointBytes } from './import';
import { parseGeoJsonPoints } from './import-geojson';

/**
 * The byte scanner against the object parser it stands in for: on valid input the same lines and
 * points, on malformed input (truncated, a byte changed) the same error message or, where the
 * change left valid GeoJSON, the same result. It may give up on anything; it may never differ.
 */
const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text);

/** A JSON number written one of the ways files write them (all of which JSON.parse reads). */
function writeNumber(value: number, style: number): string {
	if (style === 1) return value.toFixed(7);
	if (style === 2) return value.toExponential(9);
	if (style === 3) return value.toPrecision(17);
	return String(value);
}

/** Serialises like JSON.stringify, with a chosen number style, spacing and key order. */
function write(value: unknown, style: number, spaced: boolean, reversed: boolean): string {
	const gap = spaced ? ' \n\t' : '';
	if (typeof value === 'number') return writeNumber(value, style);
	if (Array.isArray(value)) {
		return `[${gap}${value.map((v) => write(v, style, spaced, reversed)).join(`,${gap}`)}${gap}]`;
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value);
		if (reversed) entries.reverse();
		const members = entries.map(
			([k, v]) => `${JSON.stringify(k)}${gap}:${gap}${write(v, style, spaced, reversed)}`
		);
		return `{${gap}${members.join(`,${gap}`)}${gap}}`;
	}
	return JSON.stringify(value);
}

const lng = fc.double({ min: -180, max: 180, noNaN: true });
const lat = fc.double({ min: -90, max: 90, noNaN: true });
const position = fc.tuple(lng, lat);
const line = fc.array(position, { minLength: 2, maxLength: 6 });
const format = fc.record({
	style: fc.integer({ min: 0, max: 3 }),
	spaced: fc.boolean(),
	reversed: fc.boolean()
});

const roadsArbitrary = fc.array(
	fc.oneof(
		line.map((coordinates) => ({
			type: 'Feature',
			properties: { name: 'a "street"', lanes: [1, 2], oneway: null },
			geometry: { type: 'LineString', coordinates }
		})),
		fc.array(line, { maxLength: 3 }).map((coordinates) => ({
			type: 'Feature',
			id: 7,
			properties: {},
			geometry: { type: 'MultiLineString', coordinates }
		}))
	),
	{ minLength: 1, maxLength: 8 }
);

function outcome<T>(work: () => T): { value: T } | { error: string } {
	try {
		return { value: work() };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

function referenceLines(text: string) {
	return outcome(() => flattenLines(parseNetwork(text, 'roads.geojson')));
}

describe('GeoJSON byte scanner', () => {
	it('reads the lines the object parser reads, however the file is written', () => {
		fc.assert(
			fc.property(roadsArbitrary, format, (features, { style, spaced, reversed }) => {
				const text = write({ type: 'FeatureCollection', features }, style, spaced, reversed);
				const expected = referenceLines(text);
				expect(outcome(() => parseNetworkBytes(bytesOf(text), 'roads.geojson'))).toEqual(expected);
				// and it is the scan that read them, not the fallback
				if ('value' in expected) expect(scanGeoJsonLines(bytesOf(text))).toEqual(expected.value);
			}),
			{ numRuns: 300 }
		);
	});

	it('gives the object parser’s answer or error on truncated and altered files', () => {
		const replacements = [...'{}[],:"-+.eE0 \\xn'].map((c) => c.charCodeAt(0));
		fc.assert(
			fc.property(
				roadsArbitrary,
				format,
				fc.nat(),
				fc.constantFrom(...replacements, -1),
				(features, { style, spaced, reversed }, where, replacement) => {
					const text = write({ type: 'FeatureCollection', features }, style, spaced, reversed);
					const bytes = bytesOf(text);
					const at = where % bytes.length;
					const altered = replacement < 0 ? bytes.subarray(0, at) : bytes.slice();
					if (replacement >= 0) altered[at] = replacement;
					const alteredText = new TextDecoder().decode(altered);
					expect(outcome(() => parseNetworkBytes(altered, 'roads.geojson'))).toEqual(
						referenceLines(alteredText)
					);
				}
			),
			{ numRuns: 1000 }
		);
	});

	const pointArbitrary = fc.record({
		coordinates: position,
		id: fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.integer(), fc.double()),
		category: fc.oneof(fc.constantFrom('meal', '托育', 'a\\"b', ''), fc.integer()),
		households: fc.oneof(fc.nat(), fc.constant(null), fc.constant('12'))
	});
	type PointInput = {
		coordinates: [number, number];
		id: unknown;
		category: unknown;
		households: unknown;
	};
	const pointsText = (points: PointInput[], style: number, spaced: boolean, reversed: boolean) =>
		write(
			{
				type: 'FeatureCollection',
				features: points.map((p) => ({
					type: 'Feature',
					properties: { id: p.id, category: p.category, households: p.households },
					geometry: { type: 'Point', coordinates: p.coordinates }
				}))
			},
			style,
			spaced,
			reversed
		);
	function referencePoints(text: string) {
		return outcome(() => {
			const features = parseGeoJsonPoints(text, 'services', ['category']);
			return {
				ids: features.map((f) => f.id),
				lng: Float64Array.from(features, (f) => f.point[0]),
				lat: Float64Array.from(features, (f) => f.point[1]),
				properties: {
					category: features.map((f) => f.properties.category),
					households: features.map((f) => f.properties.households)
				}
			};
		});
	}
	const scannedPoints = (bytes: Uint8Array) =>
		outcome(() => parsePointBytes(bytes, 'services', ['category', 'households'], ['category']));

	it('gives parseGeoJsonPoints’ answer or error on truncated and altered point files', () => {
		const replacements = [...'{}[],:"-.e0 \\n'].map((c) => c.charCodeAt(0));
		fc.assert(
			fc.property(
				fc.array(pointArbitrary, { minLength: 1, maxLength: 4 }),
				format,
				fc.nat(),
				fc.constantFrom(...replacements, -1),
				(points, { style, spaced, reversed }, where, replacement) => {
					const bytes = bytesOf(pointsText(points, style, spaced, reversed));
					const at = where % bytes.length;
					const altered = replacement < 0 ? bytes.subarray(0, at) : bytes.slice();
					if (replacement >= 0) altered[at] = replacement;
					expect(scannedPoints(altered)).toEqual(
						referencePoints(new TextDecoder().decode(altered))
					);
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('reads point features, ids and wanted properties as parseGeoJsonPoints does', () => {
		fc.assert(
			fc.property(
				fc.array(pointArbitrary, { maxLength: 6 }),
				format,
				(points, { style, spaced, reversed }) => {
					const text = pointsText(points, style, spaced, reversed);
					expect(scannedPoints(bytesOf(text))).toEqual(referencePoints(text));
				}
			),
			{ numRuns: 300 }
		);
	});

	it('gives up rather than guess on shapes it does not read', () => {
		const giveUp = (text: string) =>
			expect(() => scanGeoJsonLines(bytesOf(text))).toThrow(ScanGaveUp);
		giveUp('{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}');
		giveUp(
			'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]}}]}'
		);
		giveUp('{"type":"FeatureCollection","type":"FeatureCollection","features":[]}');
		giveUp('\uFEFF{"type":"FeatureCollection","features":[]}');
		expect(() =>
			scanGeoJsonPoints(bytesOf('{"type":"FeatureCollection","features":[1]}'), [])
		).toThrow(ScanGaveUp);
		// and the fallback still reads what the object parser accepts
		const collection =
			'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[0,0],[0.001,0]]}]}}]}';
		expect(parseNetworkBytes(bytesOf(collection)).lineStart).toEqual(Int32Array.of(0, 2));
	});
});
