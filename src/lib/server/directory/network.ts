import { sql } from 'drizzle-orm';
import { getDb } from '../db';
import { roadEdge } from '../db/schema';

export interface NetworkEdge {
	kind: string;
	name: string | null;
	coordinates: [number, number][];
}

export function edges(): NetworkEdge[] {
	return getDb()
		.select({ kind: roadEdge.kind, name: roadEdge.name, coordinates: roadEdge.coordinates })
		.from(roadEdge)
		.all();
}

/** Changes whenever the network is replaced (count and highest id), for caches. */
export function version(): number {
	const row = getDb()
		.select({ n: sql<number>`count(*) * 1000003 + coalesce(max(${roadEdge.id}), 0)` })
		.from(roadEdge)
		.get();
	return row?.n ?? 0;
}
