/**
 * `npm run import:network -- FILE [--out OUT.geojson]`: parses a walking network from GeoJSON
 * (.geojson/.json) or OpenStreetMap XML (.osm) and writes the normalized LineStrings as GeoJSON.
 * Storing them in the database is left to `importNetworkFile`'s callers (the server's import).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { networkToGeoJson, parseNetwork } from '../src/lib/geo/import';
import { buildWalkingNetwork } from '../src/lib/geo/graph';
import type { LngLat } from '../src/lib/geo/types';

/** The walking network of a file as LineString coordinate arrays (throws with a clear message). */
export function importNetworkFile(path: string): LngLat[][] {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new Error(`cannot read ${path}: ${(error as Error).message}`);
	}
	return parseNetwork(text, basename(path));
}

function main(argv: string[]): void {
	const outIndex = argv.indexOf('--out');
	const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
	const file = argv.find((arg, i) => !arg.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));
	if (!file || (outIndex >= 0 && !out)) {
		throw new Error('usage: import-network FILE.geojson|FILE.osm [--out OUT.geojson]');
	}
	const lines = importNetworkFile(file);
	const network = buildWalkingNetwork(lines);
	const json = JSON.stringify(networkToGeoJson(lines));
	if (out) writeFileSync(out, json);
	else process.stdout.write(json + '\n');
	console.error(
		`${lines.length} lines, ${network.nodeCount} junctions, ${network.componentCount} connected components`
	);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	try {
		main(process.argv.slice(2));
	} catch (error) {
		console.error(`import-network: ${(error as Error).message}`);
		process.exit(1);
	}
}
