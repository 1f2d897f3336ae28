/**
 * The database could not take a write in time: SQLite's write lock stayed taken past every wait, or
 * PostgreSQL kept refusing the transaction (serialization failures, deadlocks) for its whole retry
 * budget. Nothing was written; the same request may succeed a moment later, so it is answered 503
 * with Retry-After (hooks.server.ts), not 500.
 */
export class DatabaseBusyError extends Error {
	constructor(cause: unknown) {
		super('the database is busy: the write could not be made in time', { cause });
		this.name = 'DatabaseBusyError';
	}
}

export function isDatabaseBusy(error: unknown): error is DatabaseBusyError {
	return error instanceof DatabaseBusyError;
}
