/**
 * `npm run backup -- DEST`: a consistent copy of the database while the portal keeps running, with
 * SQLite's online backup (better-sqlite3 `backup()`): pages are copied in steps, and a write by the
 * server in between restarts the copy of what changed, so DEST is always one committed state.
 * Restore: stop the server, put DEST where DATABASE_URL points (removing any old -wal and -shm
 * files beside it), start again.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { databasePath } from '../src/lib/server/db';

const dest = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!dest) {
	console.error(
		'usage: npm run backup -- DEST   (the database is DATABASE_URL, default ./data/lifecircle.db)'
	);
	process.exit(2);
}
const source = databasePath();
if (!existsSync(source)) {
	console.error(`no database at ${source}`);
	process.exit(1);
}
if (existsSync(dest) && !process.argv.includes('--force')) {
	console.error(`${dest} exists; pass --force to overwrite it`);
	process.exit(1);
}
mkdirSync(dirname(resolve(dest)), { recursive: true });

const started = performance.now();
const db = new Database(source, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
await db.backup(dest, {
	// 256 pages (1 MB) per step: the server's writers wait at most one step for the lock
	progress: ({ totalPages, remainingPages }) => {
		if (totalPages > 0 && remainingPages % 2048 === 0)
			console.error(`  ${totalPages - remainingPages}/${totalPages} pages`);
		return 256;
	}
});
db.close();

const copy = new Database(dest, { readonly: true });
const integrity = (copy.pragma('integrity_check', { simple: true }) as string) ?? '';
const bookings = (copy.prepare('select count(*) as n from booking').get() as { n: number }).n;
copy.close();
console.log(
	`backup of ${source} → ${dest}: integrity ${integrity}, ${bookings} bookings, ${Math.round(performance.now() - started)} ms`
);
process.exit(integrity === 'ok' ? 0 : 1);
