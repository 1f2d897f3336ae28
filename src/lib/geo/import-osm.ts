import { readPosition } from './import-geojson';
import type { LngLat } from './types';

/** highway values no pedestrian may use, or that are not (yet) roads at all */
const notWalkable = new Set([
	'motorway',
	'motorway_link',
	'construction',
	'proposed',
	'abandoned',
	'razed',
	'raceway',
	'bus_guideway',
	'escape'
]);
/** highway values walkable only when explicitly signed for pedestrians (foot=yes) */
const walkableOnlyIfSigned = new Set(['trunk', 'trunk_link']);
const footAllowed = new Set(['yes', 'designated', 'permissive']);

/** Whether a way with these tags belongs in the walking network. */
export function isWalkableWay(tags: Readonly<Record<string, string>>): boolean {
	const highway = tags.highway;
	if (!highway || notWalkable.has(highway)) return false;
	const foot = tags.foot;
	if (foot === 'no' || foot === 'use_sidepath') return false;
	if (walkableOnlyIfSigned.has(highway) && !footAllowed.has(foot)) return false;
	if ((tags.access === 'private' || tags.access === 'no') && !footAllowed.has(foot)) return false;
	return true;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(value: string): string {
	return value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) => {
		if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
		if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
		return entities[name];
	});
}

function readAttributes(source: string): Record<string, string> {
	const attributes: Record<string, string> = {};
	for (const match of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
		attributes[match[1]] = decodeXml(match[2] ?? match[3]);
	}
	return attributes;
}

interface OsmWay {
	id: string;
	nodeRefs: string[];
	tags: Record<string, string>;
}

/**
 * Parses the node, way, nd and tag elements of an OpenStreetMap XML file (a small tokenizer: the
 * format is flat and regular, no XML library needed). Relations and other elements are ignored.
 */
function readOsm(xml: string): { nodes: Map<string, LngLat>; ways: OsmWay[] } {
	const text = xml.replace(/<!--[\s\S]*?-->/g, '');
	if (!/<osm[\s>]/.test(text)) throw new Error('not an OpenStreetMap XML file: no <osm> element');
	const nodes = new Map<string, LngLat>();
	const ways: OsmWay[] = [];
	let way: OsmWay | null = null;
	for (const match of text.matchAll(/<(\/?)(node|way|nd|tag)\b([^>]*?)(\/?)>/g)) {
		const [, closing, element, attributeText] = match;
		if (closing) {
			if (element === 'way') way = null;
			continue;
		}
		const attributes = readAttributes(attributeText);
		if (element === 'node') {
			if (!attributes.id) throw new Error('a <node> without an id');
			const lng = Number(attributes.lon);
			const lat = Number(attributes.lat);
			if (attributes.lon === undefined || attributes.lat === undefined) {
				throw new Error(`node ${attributes.id}: missing lat or lon`);
			}
			nodes.set(attributes.id, readPosition([lng, lat], `node ${attributes.id}`));
		} else if (element === 'way') {
			if (!attributes.id) throw new Error('a <way> without an id');
			way = { id: attributes.id, nodeRefs: [], tags: {} };
			ways.push(way);
			if (match[4] === '/') way = null;
		} else if (element === 'nd' && way) {
			if (!attributes.ref) throw new Error(`way ${way.id}: an <nd> without a ref`);
			way.nodeRefs.push(attributes.ref);
		} else if (element === 'tag' && way && attributes.k !== undefined) {
			way.tags[attributes.k] = attributes.v ?? '';
		}
	}
	return { nodes, ways };
}

/**
 * The walking network of an .osm file: walkable highway ways, split at every node shared with
 * another way (or visited twice by one), so that junctions are line ends.
 */
export function parseOsmNetwork(xml: string): LngLat[][] {
	const { nodes, ways } = readOsm(xml);
	const walkable = ways.filter((way) => isWalkableWay(way.tags));
	const useCount = new Map<string, number>();
	for (const way of walkable) {
		for (const ref of way.nodeRefs) {
			if (!nodes.has(ref)) {
				throw new Error(`way ${way.id} refers to node ${ref}, which the file does not contain`);
			}
			useCount.set(ref, (useCount.get(ref) ?? 0) + 1);
		}
	}
	const lines: LngLat[][] = [];
	for (const way of walkable) {
		let current: LngLat[] = [];
		way.nodeRefs.forEach((ref, i) => {
			current.push(nodes.get(ref) as LngLat);
			const isJunction = (useCount.get(ref) ?? 0) > 1;
			if (isJunction && i > 0 && i < way.nodeRefs.length - 1 && current.length >= 2) {
				lines.push(current);
				current = [nodes.get(ref) as LngLat];
			}
		});
		if (current.length >= 2) lines.push(current);
	}
	return lines;
}
