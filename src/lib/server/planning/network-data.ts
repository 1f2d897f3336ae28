import { parseNetworkPausing, toWgs84, type CoordinateDatum } from '$lib/geo';
import { m } from '$lib/paraglide/messages';
import { transaction, type Db } from '../db';
import { replaceNetwork } from '../directory/network';
import { record } from '../audit';

// The walking network for administrators: the GeoJSON or OSM XML import.

export type NetworkImport = { ok: true; lines: number } | { ok: false; message: string };

/** lets the requests waiting behind a long import run (once per few thousand OSM tags) */
const letOthersRun = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Replaces the walking network from GeoJSON or OSM XML (the parser of `npm run import:network`).
 * The file is read in steps with other requests served in between: a 5 MB file (the upload limit)
 * takes up to about a second here.
 */
export async function importNetwork(
	db: Db,
	actorUserId: number,
	text: string,
	fileName: string,
	datum: CoordinateDatum = 'wgs84'
): Promise<NetworkImport> {
	let lines: [number, number][][];
	try {
		lines = await parseNetworkPausing(text, fileName, letOthersRun);
	} catch (error) {
		return {
			ok: false,
			message: m.plan_import_network_invalid({ detail: (error as Error).message.slice(0, 200) })
		};
	}
	if (lines.length === 0) return { ok: false, message: m.plan_import_empty() };
	if (datum !== 'wgs84') lines = lines.map((line) => line.map((point) => toWgs84(point, datum)));
	await transaction(db, async (tx) => {
		await replaceNetwork(tx, lines);
		await record(tx, {
			actorUserId,
			action: 'import',
			entity: 'road_edge',
			detail: {
				lines: lines.length,
				fileName: fileName.slice(0, 100)
			}
		});
	});
	return { ok: true, lines: lines.length };
}
