import { sql } from 'drizzle-orm';
import { rows, type Db } from './db';
import { engineStatus, type EngineStatus } from './coverage';

/** True when the database answers a query. */
export async function isHealthy(db: Db): Promise<boolean> {
	try {
		const [row] = await rows<{ ok: number | string }>(db, sql`select 1 as ok`);
		// a number on SQLite; PostgreSQL drivers may give an integer as text
		return Number(row?.ok) === 1;
	} catch {
		return false;
	}
}

/**
 * /healthz: the database answers (else 503), and the coverage engine's state — ready or still
 * being built after a start, a rebuild running, the last failed build (the previous engine keeps
 * answering then). An engine that is not ready yet does not make the process unhealthy: pages
 * that do not need it are served meanwhile.
 */
export async function healthReport(db: Db): Promise<{
	status: 'ok' | 'unavailable';
	engine: Omit<EngineStatus, 'lastError'> & { lastError: { version: string; at: string } | null };
}> {
	const engine = await engineStatus(db);
	// /healthz is public: a failed build's message (a file path, a database error) stays in the log
	const lastError = engine.lastError && {
		version: engine.lastError.version,
		at: engine.lastError.at
	};
	const status = (await isHealthy(db)) ? 'ok' : 'unavailable';
	return { status, engine: { ...engine, lastError } };
}
