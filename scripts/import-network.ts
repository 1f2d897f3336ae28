/**
 * `npm run import:network -- FILE [--coordinates wgs84|gcj02|bd09] [--out OUT.geojson]`: parses a
 * walking network from GeoJSON (.geojson/.json) or OpenStreetMap XML (.osm) and replaces the network
 * in the database (DATABASE_URL, default ./data/lifecircle.db), or with --out writes the normalized
 * LineStrings as GeoJSON instead. A running server rebuilds its coverage engine on its next request.
 * The file may be UTF-8 or GB18030 (detected); --coordinates names the file's coordinate system
 * (default wgs84: GPS and OpenStreetMap; gcj02: AMap/Tencent; bd09: Baidu), stored as WGS84.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { networkToGeoJson, parseNetwork } from '../src/lib/geo/import';
import { buildWalkingNetwork } from '../src/lib/geo/graph';
import type { LngLat } from '../src/lib/geo/types';
import {
	coordinateDatums,
	isCoordinateDatum,
	toWgs84,
	type CoordinateDatum
} from '../src/lib/geo/datum';
import { decodeText } from '../src/lib/server/text-encoding';
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
export function importNetworkFile(path: string, datum: CoordinateDatum = 'wgs84'): LngLat[][] {
	let bytes: Uint8Array;
	try {
		bytes = readFileSync(path);
	} catch (error) {
		throw new Error(`cannot read ${path}: ${(error as Error).message}`);
	}
	const decoded = decodeText(bytes);
	if (!decoded.ok) throw new Error(`${path} is neither UTF-8 nor GB18030 text`);
	const lines = parseNetwork(decoded.text, basename(path));
	return datum === 'wgs84'
		? lines
		: lines.map((line) => line.map((point) => toWgs84(point, datum)));
}

/** The value after `--name`, and the arguments without the pair. */
function option(argv: string[], name: string): { value?: string; rest: string[]; given: boolean } {
	const index = argv.indexOf(name);
	if (index < 0) return { rest: argv, given: false };
	return {
		value: argv[index + 1],
		rest: argv.filter((_, i) => i !== index && i !== index + 1),
		given: true
	};
}

async function main(argv: string[]): Promise<void> {
	const coordinates = option(argv, '--coordinates');
	const output = option(coordinates.rest, '--out');
	const out = output.value;
	const file = output.rest.find((arg) => !arg.startsWith('--'));
	if (!file || (output.given && !out)) {
		throw new Error(
			'usage: import-network FILE.geojson|FILE.osm [--coordinates wgs84|gcj02|bd09] [--out OUT.geojson]'
		);
	}
	const datum = coordinates.given ? coordinates.value : 'wgs84';
	if (!isCoordinateDatum(datum))
		throw new Error(`--coordinates must be one of ${coordinateDatums.join(', ')}`);
	const lines = importNetworkFile(file, datum);
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
