import { sql } from 'drizzle-orm';
import type { Db } from './db';
import { engineStatus, type EngineStatus } from './coverage';

/** True when the database answers a query. */
export function isHealthy(db: Db): boolean {
	try {
		return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
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
export function healthReport(db: Db): {
	status: 'ok' | 'unavailable';
	engine: Omit<EngineStatus, 'lastError'> & { lastError: { version: string; at: string } | null };
} {
	const engine = engineStatus(db);
	// /healthz is public: a failed build's message (a file path, a database error) stays in the log
	const lastError = engine.lastError && {
		version: engine.lastError.version,
		at: engine.lastError.at
	};
	return { status: isHealthy(db) ? 'ok' : 'unavailable', engine: { ...engine, lastError } };
}
