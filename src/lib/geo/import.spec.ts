import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNetwork } from './import';
import { parseGeoJsonPoints } from './import-geojson';
import { isWalkableWay, parseOsmNetwork, parseOsmNetworkPausing } from './import-osm';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../tests/fixtures/geo/${name}`, import.meta.url), 'utf8');

describe('GeoJSON network import', () => {
	it('reads LineStrings and MultiLineStrings', () => {
		const lines = parseNetwork(fixture('roads.geojson'), 'roads.geojson');
		expect(lines).toHaveLength(3);
		expect(lines[0]).toHaveLength(3);
		expect(lines[0][0]).toEqual([98.29, 39.77]);
	});

	it('refuses text that is not GeoJSON, with a message saying so', () => {
		expect(() => parseNetwork(fixture('not-geojson.geojson'), 'x.geojson')).toThrow(
			/not valid JSON/
		);
		expect(() => parseNetwork('{"hello": 1}', 'x.json')).toThrow(/not GeoJSON/);
	});

	it('refuses points where lines are expected', () => {
		expect(() => parseNetwork(fixture('roads-points.geojson'), 'x.geojson')).toThrow(
			/feature 0: geometry type "Point" is not a LineString/
		);
	});

	it('refuses projected coordinates outside WGS84 ranges', () => {
		expect(() => parseNetwork(fixture('roads-projected.geojson'), 'x.geojson')).toThrow(
			/outside WGS84 ranges/
		);
	});

	it('refuses a LineString with a single position', () => {
		const single = { type: 'LineString', coordinates: [[98.29, 39.77]] };
		expect(() => parseNetwork(JSON.stringify(single), 'x.json')).toThrow(/at least two positions/);
	});
});

describe('OpenStreetMap XML import', () => {
	it('keeps ways pedestrians may use and splits them at shared nodes', () => {
		const lines = parseOsmNetwork(fixture('small.osm'));
		// way 10 split at node 3 (2 lines), way 11 split at node 3 (2 lines), way 14 (foot=yes trunk)
		expect(lines).toHaveLength(5);
		const crossing: [number, number] = [98.292, 39.77];
		expect(
			lines.filter((line) => line.some(([x, y]) => x === crossing[0] && y === crossing[1]))
		).toHaveLength(4);
	});

	it('knows which highways are walkable', () => {
		expect(isWalkableWay({ highway: 'residential' })).toBe(true);
		expect(isWalkableWay({ highway: 'motorway' })).toBe(false);
		expect(isWalkableWay({ highway: 'trunk' })).toBe(false);
		expect(isWalkableWay({ highway: 'trunk', foot: 'yes' })).toBe(true);
		expect(isWalkableWay({ highway: 'footway', foot: 'no' })).toBe(false);
		expect(isWalkableWay({ highway: 'service', access: 'private' })).toBe(false);
		expect(isWalkableWay({ highway: 'construction' })).toBe(false);
		expect(isWalkableWay({ building: 'yes' })).toBe(false);
	});

	it('refuses files that are not OSM XML or refer to missing nodes', () => {
		expect(() => parseOsmNetwork('<html></html>')).toThrow(/not an OpenStreetMap XML file/);
		const missing =
			'<osm><node id="1" lat="39.77" lon="98.29"/><way id="9"><nd ref="1"/><nd ref="2"/>' +
			'<tag k="highway" v="path"/></way></osm>';
		expect(() => parseOsmNetwork(missing)).toThrow(/way 9 refers to node 2/);
		expect(() => parseOsmNetwork('<osm><node id="1" lat="139" lon="98"/></osm>')).toThrow(/WGS84/);
	});
});

describe('OpenStreetMap XML import on pathological input', () => {
	const crossing =
		'<node id="1" lat="39.77" lon="98.29"/><node id="2" lat="39.77" lon="98.291"/>' +
		'<way id="9"><nd ref="1"/><nd ref="2"/><tag k="highway" v="path"/></way>';

	it('refuses 192 KB of unclosed comment openings, saying where the comment starts', () => {
		// the lazy regular expression that stripped comments rescanned the rest of the file from
		// every "<!--": 8 s for this input, with the process stalled; a linear scan reads it once
		const opened = '<osm>\n' + '<!--'.repeat((192 * 1024) / 4);
		expect(() => parseOsmNetwork(opened)).toThrow(/a comment at line 2 is not closed/);
		const closedLate = '<osm>' + '<!--'.repeat(49_152) + '-->' + crossing + '</osm>';
		expect(parseOsmNetwork(closedLate)).toEqual([
			[
				[98.29, 39.77],
				[98.291, 39.77]
			]
		]);
	});

	it('ignores elements inside comments and CDATA sections, and reads ">" inside values', () => {
		const hidden =
			'<?xml version="1.0"?><!DOCTYPE osm><osm>' +
			'<!-- <node id="2" lat="0" lon="0"/> -->' +
			'<![CDATA[ <way id="8"><nd ref="1"/><nd ref="3"/><tag k="highway" v="path"/></way> ]]>' +
			crossing.replace('v="path"', 'v="path"/><tag k="note" v="a > b &amp; c"') +
			'</osm>';
		expect(parseOsmNetwork(hidden)).toEqual([
			[
				[98.29, 39.77],
				[98.291, 39.77]
			]
		]);
		expect(() => parseOsmNetwork('<osm><![CDATA[' + 'x'.repeat(100_000))).toThrow(
			/a CDATA section at line 1 is not closed/
		);
	});

	it('reads a huge attribute value, and refuses unclosed tags and values', () => {
		const name = '路'.repeat(200_000);
		const big = crossing.replace('v="path"/>', `v="path"/><tag k="name" v="${name}"/>`);
		expect(parseOsmNetwork(`<osm>${big}</osm>`)).toHaveLength(1);
		expect(() => parseOsmNetwork('<osm><tag k="' + 'a'.repeat(200_000))).toThrow(
			/attribute k of <tag> at line 1 is not quoted and closed/
		);
		expect(() => parseOsmNetwork('<osm><node ' + 'a'.repeat(200_000))).toThrow(
			/<node> at line 1 has a malformed attribute/
		);
		expect(() => parseOsmNetwork('<osm>' + '<nd '.repeat(50_000))).toThrow(/malformed attribute/);
		expect(() => parseOsmNetwork('<osm>' + '<'.repeat(50_000))).toThrow(/starts no tag/);
	});
});

describe('OpenStreetMap XML import on a server', () => {
	it('reads a large file in steps, pausing in between, to the same lines', async () => {
		// a 100 × 100 grid: 10,000 nodes and 100 ways of 100 nodes
		const size = 100;
		let xml = '<osm>';
		for (let r = 0; r < size; r++)
			for (let c = 0; c < size; c++)
				xml += `<node id="${r * size + c}" lat="${39.7 + r * 0.001}" lon="${98.2 + c * 0.001}"/>`;
		for (let r = 0; r < size; r++) {
			xml += `<way id="w${r}">`;
			for (let c = 0; c < size; c++) xml += `<nd ref="${r * size + c}"/>`;
			xml += '<tag k="highway" v="residential"/></way>';
		}
		xml += '</osm>';
		let pauses = 0;
		const lines = await parseOsmNetworkPausing(xml, async () => {
			pauses++;
		});
		expect(lines).toEqual(parseOsmNetwork(xml));
		expect(lines).toHaveLength(size);
		// one pause per 5,000 tags: <osm> and </osm>, the nodes, and per way <way>, its <nd>s, <tag>, </way>
		const tags = 2 + size * size + size * (size + 3);
		expect(pauses).toBe(Math.floor(tags / 5000));
		expect(pauses).toBe(4);
	});
});

describe('service and residence points', () => {
	it('reads ids (property or feature id) and required properties', () => {
		const homes = parseGeoJsonPoints(fixture('residences.geojson'), 'residences');
		expect(homes.map((home) => home.id)).toEqual(['home-1', 'home-2', '3']);
		expect(() =>
			parseGeoJsonPoints(fixture('services-missing-category.geojson'), 'services', ['category'])
		).toThrow(/missing "category"/);
		expect(() => parseGeoJsonPoints(fixture('roads.geojson'), 'services')).toThrow(/not Point/);
	});
});
