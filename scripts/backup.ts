/**
 * `npm run backup -- DEST`: a consistent copy of the database while the portal keeps running.
 *
 * SQLite (DATABASE_URL a file): SQLite's online backup (better-sqlite3 `backup()`): pages are copied
 * in steps, and a write by the server in between restarts the copy of what changed, so DEST is always
 * one committed state. Restore: stop the server, put DEST where DATABASE_URL points (removing any old
 * -wal and -shm files beside it), start again.
 *
 * PostgreSQL (DATABASE_URL=postgres://…): pg_dump in its custom format (one snapshot of the whole
 * database, compressed), to DEST as named. Restore into an empty database (or over this one with
 * --clean): `pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL" DEST`, then start the servers.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import {
	closeDatabase,
	databaseUrl,
	dialectOfUrl,
	openDatabase,
	rows,
	shownDatabaseUrl
} from '../src/lib/server/db';

const dest = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!dest) {
	console.error(
		'usage: npm run backup -- DEST   (the database is DATABASE_URL, default ./data/lifecircle.db)'
	);
	process.exit(2);
}
const source = databaseUrl();
const postgres = dialectOfUrl(source) === 'postgres';
if (!postgres && !existsSync(source)) {
	console.error(`no database at ${source}`);
	process.exit(1);
}
if (existsSync(dest) && !process.argv.includes('--force')) {
	console.error(`${dest} exists; pass --force to overwrite it`);
	process.exit(1);
}
mkdirSync(dirname(resolve(dest)), { recursive: true });

const started = performance.now();
let ok: boolean;
let summary: string;
if (postgres) {
	// pg_dump's snapshot is one committed state; the servers keep writing meanwhile
	const dump = spawnSync('pg_dump', ['--format=custom', `--file=${dest}`, source], {
		stdio: ['ignore', 'inherit', 'inherit']
	});
	if (dump.error) console.error(`pg_dump: ${dump.error.message} (PostgreSQL's client programs)`);
	// the archive's table of contents, read back: a readable archive with the booking data in it
	const list = spawnSync('pg_restore', ['--list', dest], { encoding: 'utf8' });
	ok = dump.status === 0 && list.status === 0 && / TABLE DATA public booking /.test(list.stdout);
	const tables = (list.stdout ?? '').split('\n').filter((line) => / TABLE DATA /.test(line)).length;
	summary = `pg_dump custom format, ${tables} tables, ${ok ? statSync(dest).size : 0} bytes`;
} else {
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
	// the copy, checked through the data layer
	const copy = openDatabase(dest);
	const [check] = await rows<{ integrity_check: string }>(copy, sql`pragma integrity_check`);
	const [{ n }] = await rows<{ n: number }>(copy, sql`select count(*) as n from booking`);
	await closeDatabase(copy);
	ok = check?.integrity_check === 'ok';
	summary = `integrity ${check?.integrity_check}, ${n} bookings`;
}
console.log(
	`backup of ${shownDatabaseUrl(source)} → ${dest}: ${summary}, ${Math.round(performance.now() - started)} ms`
);
process.exit(ok ? 0 : 1);
