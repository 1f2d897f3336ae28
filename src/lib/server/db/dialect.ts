import type { Dialect } from './types';

// Which database a process runs on is decided once, before any table is imported: the tables
// (schema/index.ts) are SQLite's or PostgreSQL's objects, and drizzle maps booleans, times and JSON
// through the table's columns, so a query must use the tables of the database it runs on.

export function dialectOfUrl(url: string): Dialect {
	return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/**
 * The database URL that decides this process's dialect: DATABASE_URL (the server, the CLI
 * scripts); under vitest TEST_DATABASE_URL (the specs' databases come from openTestDatabase());
 * in a test runner without DATABASE_URL (Playwright), TEST_DATABASE_URL (the test server's database).
 */
export function processDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
	if (env.VITEST) return env.TEST_DATABASE_URL ?? '';
	return env.DATABASE_URL || env.TEST_DATABASE_URL || '';
}

/** This process's dialect (the tables schema/index.ts exports). */
export const processDialect: Dialect = dialectOfUrl(processDatabaseUrl());
