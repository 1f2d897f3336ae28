// vitest's global set-up of the server specs: a name for this run, under which the worker processes
// share what one of them made (the demo city: testing/demo-database.ts), removed at the end.
import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** this run's name: its shared fixtures' files and databases carry it */
		testRun: string;
	}
}

/** The files a run shares in the temporary folder start with this. */
export const sharedPrefix = (run: string) => `lifecircle-shared-${run}-`;
/** The PostgreSQL databases a run keeps (templates of shared fixtures) start with this. */
export const sharedDatabasePrefix = (run: string) => `lifecircle_shared_${run}_`;

export default function setup(project: TestProject) {
	const run = randomUUID().slice(0, 8);
	project.provide('testRun', run);
	return async () => {
		for (const name of readdirSync(tmpdir()))
			if (name.startsWith(sharedPrefix(run))) rmSync(join(tmpdir(), name), { force: true });
		const server = process.env.TEST_DATABASE_URL;
		if (!server?.startsWith('postgres')) return;
		const client = new pg.Client({ connectionString: server });
		await client.connect();
		try {
			const { rows } = await client.query<{ datname: string }>(
				`select datname from pg_database where starts_with(datname, $1)`,
				[sharedDatabasePrefix(run)]
			);
			for (const { datname } of rows)
				await client.query(`drop database if exists "${datname}" with (force)`);
		} finally {
			await client.end();
		}
	};
}
