import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { roadEdge } from '../db/schema';

export interface NetworkEdge {
	kind: string;
	name: string | null;
	coordinates: [number, number][];
}

export function edges(db: Db): NetworkEdge[] {
	return db
		.select({ kind: roadEdge.kind, name: roadEdge.name, coordinates: roadEdge.coordinates })
		.from(roadEdge)
		.all();
}

/** Changes whenever the network is replaced (count and highest id), for caches. */
export function version(db: Db): number {
	const row = db
		.select({ n: sql<number>`count(*) * 1000003 + coalesce(max(${roadEdge.id}), 0)` })
		.from(roadEdge)
		.get();
	return row?.n ?? 0;
}

/**
 * Replaces the walking network (e.g. by an imported GeoJSON or OSM file) in one transaction.
 * Coverage engines notice the new network through their fingerprint and rebuild.
 */
export function replaceNetwork(
	db: Db,
	lines: [number, number][][],
	options: { kind?: string; generated?: boolean } = {}
): number {
	db.$client.transaction(() => {
		db.delete(roadEdge).run();
		for (let i = 0; i < lines.length; i += 400) {
			db.insert(roadEdge)
				.values(
					lines.slice(i, i + 400).map((coordinates) => ({
						kind: options.kind ?? 'imported',
						coordinates,
						generated: options.generated ?? false
					}))
				)
				.run();
		}
	})();
	return lines.length;
}
