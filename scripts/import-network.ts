/**
 * `npm run import:network -- FILE [--out OUT.geojson]`: parses a walking network from GeoJSON
 * (.geojson/.json) or OpenStreetMap XML (.osm) and replaces the network in the database
 * (DATABASE_URL, default ./data/lifecircle.db), or with --out writes the normalized LineStrings
 * as GeoJSON instead. A running server rebuilds its coverage engine on its next request.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { networkToGeoJson, parseNetwork } from '../src/lib/geo/import';
import { buildWalkingNetwork } from '../src/lib/geo/graph';
import type { LngLat } from '../src/lib/geo/types';
import {
	closeDatabase,
	databaseUrl,
	dialectOfUrl,
	migrateDatabase,
	openDatabase
} from '../src/lib/server/db';
import { replaceNetwork } from '../src/lib/server/directory/network';

/** A database URL as it may be printed: a PostgreSQL URL without its password. */
function shown(url: string): string {
	if (dialectOfUrl(url) !== 'postgres') return url;
	const parsed = new URL(url);
	parsed.password = '';
	return parsed.toString();
}

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

async function main(argv: string[]): Promise<void> {
	const outIndex = argv.indexOf('--out');
	const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
	const file = argv.find((arg, i) => !arg.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));
	if (!file || (outIndex >= 0 && !out)) {
		throw new Error('usage: import-network FILE.geojson|FILE.osm [--out OUT.geojson]');
	}
	const lines = importNetworkFile(file);
	const network = buildWalkingNetwork(lines);
	if (out) writeFileSync(out, JSON.stringify(networkToGeoJson(lines)));
	else {
		const db = openDatabase(databaseUrl());
		try {
			await migrateDatabase(db);
			await replaceNetwork(db, lines);
		} finally {
			await closeDatabase(db);
		}
		console.error(`network replaced in ${shown(databaseUrl())}`);
	}
	console.error(
		`${lines.length} lines, ${network.nodeCount} junctions, ${network.componentCount} connected components`
	);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	try {
		await main(process.argv.slice(2));
	} catch (error) {
		console.error(`import-network: ${(error as Error).message}`);
		process.exit(1);
	}
}
