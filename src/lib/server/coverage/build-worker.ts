/**
 * The coverage build worker (started by engine.ts through threads/): opens the database, reads the
 * data and builds the engine (packed.ts), and answers with it on SharedArrayBuffers.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../db/schema';
import type { Db } from '../db';
import { serveThread } from '../threads/serve';
import { buildPacked } from './packed';

const open = new Map<string, Db>();

function connect(file: string): Db {
	let db = open.get(file);
	if (!db) {
		const client = new Database(file, { fileMustExist: true });
		client.pragma('busy_timeout = 5000');
		// this connection only reads
		client.pragma('query_only = ON');
		db = drizzle(client, { schema }) as Db;
		open.set(file, db);
	}
	return db;
}

serveThread((request: { file?: string; image?: Uint8Array }) => {
	if (request.image) {
		const client = new Database(Buffer.from(request.image));
		try {
			return { value: buildPacked(drizzle(client, { schema }) as Db) };
		} finally {
			client.close();
		}
	}
	return { value: buildPacked(connect(request.file!)) };
});
