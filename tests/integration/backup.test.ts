/**
 * `npm run backup` while the portal is busy: the copy is a working portal. A resident books, then a
 * backup runs while 40 others book at the same time; a server started on the copy answers /healthz,
 * knows the resident's session and lists the booking made before the backup.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { closeDatabase, dialectOfUrl, openDatabase } from '../../src/lib/server/db';
import { createResidents, createSlot } from '../support/booking-db';
import { removeDatabase, startServer } from '../support/server';
import { scratchDatabaseUrl, testServerDatabaseUrl } from '../support/test-server-db';
import { baseURL } from './accounts-helpers';

const databaseFile = testServerDatabaseUrl();
const postgres = dialectOfUrl(databaseFile) === 'postgres';
// SQLite: the backup is a database file to start on; PostgreSQL: a pg_dump archive, restored into
// a new database on the same server to start on
const copyFile = `tests/output/backup-${process.env.TEST_PORT}.${postgres ? 'dump' : 'db'}`;
const restoredDatabase = postgres
	? scratchDatabaseUrl(`backup_restored_${process.env.TEST_PORT}`)
	: copyFile;

/** On PostgreSQL: the archive restored into a new database (pg_restore, as README says). */
function restore(): void {
	if (!postgres) return;
	const name = new URL(restoredDatabase).pathname.slice(1);
	const admin = scratchDatabaseUrl('postgres');
	for (const command of [
		`drop database if exists ${name} with (force)`,
		`create database ${name}`
	]) {
		const result = spawnSync('psql', [admin, '-c', command], { encoding: 'utf8' });
		expect(result.status, result.stderr).toBe(0);
	}
	const restored = spawnSync(
		'pg_restore',
		['--no-owner', `--dbname=${restoredDatabase}`, copyFile],
		{
			encoding: 'utf8'
		}
	);
	expect(restored.status, restored.stderr).toBe(0);
}
const privateBuild = `tests/output/build-${process.env.TEST_PORT}`;

test('a backup taken under load starts as a working portal with the bookings made before it', async () => {
	test.setTimeout(300_000);
	removeDatabase(copyFile);
	const db = openDatabase(databaseFile);
	const [first, ...others] = await createResidents(db, 41);
	const slotId = await createSlot(db, 100);
	await closeDatabase(db);

	const book = (cookie: string) =>
		fetch(`${baseURL}/api/v1/bookings`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie },
			body: JSON.stringify({ slotId })
		});
	const before = await book(first.cookie);
	expect(before.status).toBe(201);
	const { booking } = (await before.json()) as { booking: { code: string } };

	// the backup and a rush of bookings at the same time
	const rush = Promise.all(others.map((person) => book(person.cookie).then((r) => r.status)));
	const backup = spawnSync('npx', ['tsx', 'scripts/backup.ts', copyFile], {
		env: { ...process.env, DATABASE_URL: databaseFile },
		encoding: 'utf8'
	});
	expect(backup.status, backup.stderr).toBe(0);
	expect(backup.stdout).toContain(postgres ? 'pg_dump custom format' : 'integrity ok');
	expect((await rush).every((status) => status === 201)).toBe(true);

	restore();
	const restored = await startServer({
		buildDir: existsSync(`${privateBuild}/index.js`) ? privateBuild : 'build',
		database: restoredDatabase,
		env: { SEED_DEMO: 'false' }
	});
	try {
		const health = await fetch(`${restored.origin}/healthz`);
		expect(await health.json()).toMatchObject({ status: 'ok' });
		const mine = await fetch(`${restored.origin}/api/v1/bookings`, {
			headers: { cookie: first.cookie }
		});
		expect(mine.status).toBe(200);
		expect(await mine.text()).toContain(booking.code);
		const page = await fetch(`${restored.origin}/service-points/1`);
		expect(page.status).toBe(200);
	} finally {
		await restored.stop();
		removeDatabase(copyFile);
	}
});
