import { readPosition } from './import-geojson';
import type { LngLat } from './types';
import { xmlTags } from './xml-tags';

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

type OsmData = { nodes: Map<string, LngLat>; ways: OsmWay[] };

interface OsmWay {
	id: string;
	nodeRefs: string[];
	tags: Record<string, string>;
}

/**
 * Reads the node, way, nd and tag elements of an OpenStreetMap XML file in one linear pass (the
 * format is flat and regular, no XML library needed). Relations and other elements are ignored;
 * comments and CDATA sections are skipped, so nothing inside them counts. It stops after every
 * `stepTags` tags, so that a caller may let other work run in between.
 */
function* readOsmSteps(xml: string, stepTags: number): Generator<void, OsmData> {
	const nodes = new Map<string, LngLat>();
	const ways: OsmWay[] = [];
	let sawOsm = false;
	let way: OsmWay | null = null;
	let tags = 0;
	for (const { name, closing, selfClosing, attributes } of xmlTags(xml)) {
		if (++tags % stepTags === 0) yield;
		if (closing) {
			if (name === 'way') way = null;
			continue;
		}
		if (name === 'osm') sawOsm = true;
		else if (name === 'node') {
			if (!attributes.id) throw new Error('a <node> without an id');
			if (attributes.lon === undefined || attributes.lat === undefined) {
				throw new Error(`node ${attributes.id}: missing lat or lon`);
			}
			const position: LngLat = [Number(attributes.lon), Number(attributes.lat)];
			nodes.set(attributes.id, readPosition(position, `node ${attributes.id}`));
		} else if (name === 'way') {
			if (!attributes.id) throw new Error('a <way> without an id');
			way = { id: attributes.id, nodeRefs: [], tags: {} };
			ways.push(way);
			if (selfClosing) way = null;
		} else if (name === 'nd' && way) {
			if (!attributes.ref) throw new Error(`way ${way.id}: an <nd> without a ref`);
			way.nodeRefs.push(attributes.ref);
		} else if (name === 'tag' && way && attributes.k !== undefined) {
			way.tags[attributes.k] = attributes.v ?? '';
		}
	}
	if (!sawOsm) throw new Error('not an OpenStreetMap XML file: no <osm> element');
	return { nodes, ways };
}

/**
 * The walking network of an .osm file: walkable highway ways, split at every node shared with
 * another way (or visited twice by one), so that junctions are line ends.
 */
export function parseOsmNetwork(xml: string): LngLat[][] {
	const steps = readOsmSteps(xml, Infinity);
	for (;;) {
		const step = steps.next();
		if (step.done) return walkingLines(step.value);
	}
}

/**
 * The same, awaiting `pause()` after every few thousand tags: a server reading a large upload
 * lets other requests run in between instead of holding the process for the whole file.
 */
export async function parseOsmNetworkPausing(
	xml: string,
	pause: () => Promise<void>
): Promise<LngLat[][]> {
	const steps = readOsmSteps(xml, 5000);
	for (;;) {
		const step = steps.next();
		if (step.done) return walkingLines(step.value);
		await pause();
	}
}

function walkingLines({ nodes, ways }: OsmData): LngLat[][] {
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
