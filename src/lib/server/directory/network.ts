import { sql } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { roadEdge } from '../db/schema';

export interface NetworkEdge {
	kind: string;
	name: string | null;
	coordinates: [number, number][];
}

export async function edges(db: Db): Promise<NetworkEdge[]> {
	return db
		.select({ kind: roadEdge.kind, name: roadEdge.name, coordinates: roadEdge.coordinates })
		.from(roadEdge);
}

/** Changes whenever the network is replaced (count and highest id), for caches. */
export async function version(db: Db): Promise<number> {
	const [row] = await db
		.select({
			n: sql<number>`count(*) * 1000003 + coalesce(max(${roadEdge.id}), 0)`.mapWith(Number)
		})
		.from(roadEdge);
	return row?.n ?? 0;
}

/** Rows per insert: 4 columns each, well under SQLite's and PostgreSQL's limits of bound values. */
const chunk = 400;

/**
 * Replaces the walking network (e.g. by an imported GeoJSON or OSM file) in one transaction.
 * Coverage engines notice the new network through their fingerprint and rebuild.
 */
export async function replaceNetwork(
	db: Db,
	lines: [number, number][][],
	options: { kind?: string; generated?: boolean } = {}
): Promise<number> {
	await transaction(db, async (tx) => {
		await tx.delete(roadEdge);
		for (let i = 0; i < lines.length; i += chunk) {
			await tx.insert(roadEdge).values(
				lines.slice(i, i + chunk).map((coordinates) => ({
					kind: options.kind ?? 'imported',
					coordinates,
					generated: options.generated ?? false
				}))
			);
		}
	});
	return lines.length;
}
