/**
 * The coverage build worker (started by engine.ts through threads/): opens the database, reads the
 * data and builds the engine (packed.ts), and answers with it on SharedArrayBuffers.
 */
import { closeDatabase, openDatabase, openSqliteImage, type Db } from '../db';
import { serveThread } from '../threads/serve';
import { buildPacked } from './packed';

/** The database to build from: its URL, or the image of an in-memory SQLite database (tests). */
export type BuildRequest = { url: string; image?: undefined } | { image: Uint8Array };

/** this thread's own connections, one per database: nothing else uses them (readSnapshot) */
const open = new Map<string, Db>();

function connect(url: string): Db {
	let db = open.get(url);
	if (!db) {
		db = openDatabase(url);
		open.set(url, db);
	}
	return db;
}

serveThread(async (request: BuildRequest) => {
	if (request.image) {
		const db = openSqliteImage(request.image);
		try {
			return { value: await buildPacked(db) };
		} finally {
			await closeDatabase(db);
		}
	}
	return { value: await buildPacked(connect(request.url)) };
});
