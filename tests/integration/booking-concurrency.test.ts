import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { closeDatabase, openDatabase, type Db } from '../../src/lib/server/db';
import { createResidents, createSlot, slotCounts } from '../support/booking-db';
import { testServerDatabaseUrl } from '../support/test-server-db';

const databaseFile = testServerDatabaseUrl();
const firstServer = `http://localhost:${process.env.TEST_PORT ?? 4173}`;
const secondPort = Number(process.env.TEST_PORT ?? 4173) + 1000;
const secondServer = `http://localhost:${secondPort}`;
// the same private copy of the build the Playwright web server runs (tests/start-test-server.js)
const privateBuild = `tests/output/build-${process.env.TEST_PORT}/index.js`;
const buildEntry = existsSync(privateBuild) ? privateBuild : 'build/index.js';

let db: Db;
let second: ChildProcess | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
	db = openDatabase(databaseFile);
});

test.afterAll(async () => {
	second?.kill('SIGTERM');
	if (db) await closeDatabase(db);
});

/** 200 different residents ask for the same slot of 5 places at once. */
async function rush(servers: string[], slotId: number) {
	const residents = await createResidents(db, 200);
	const answers = await Promise.all(
		residents.map(async (resident, i) => {
			const response = await fetch(`${servers[i % servers.length]}/api/v1/bookings`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie: resident.cookie },
				body: JSON.stringify({ slotId })
			});
			return { status: response.status, body: (await response.json()) as Answer['body'] };
		})
	);
	return answers;
}

interface Answer {
	status: number;
	body: {
		booking?: { code: string };
		error?: { code: string; waitlistOpen?: boolean };
	};
}

async function expectFiveBooked(answers: Answer[], slotId: number) {
	const booked = answers.filter((a) => a.status === 201);
	const full = answers.filter((a) => a.status === 409 && a.body.error?.code === 'full');
	expect(booked).toHaveLength(5);
	expect(full).toHaveLength(195);
	// each told whether the waitlist is open
	expect(full.every((a) => a.body.error?.waitlistOpen === true)).toBe(true);
	expect(new Set(booked.map((a) => a.body.booking?.code)).size).toBe(5);
	expect(await slotCounts(db, slotId)).toEqual({ bookedCount: 5, activeBookings: 5 });
}

test('200 parallel bookings for 5 places: exactly 5 booked, 195 told it is full', async () => {
	const slotId = await createSlot(db, 5);
	await expectFiveBooked(await rush([firstServer], slotId), slotId);
});

test('the same with two server processes sharing the database file', async () => {
	test.setTimeout(240_000);
	second = spawn(process.execPath, [buildEntry], {
		env: {
			...process.env,
			PORT: String(secondPort),
			ORIGIN: secondServer,
			DATABASE_URL: databaseFile,
			SEED_DEMO: 'false',
			DEMO_ACCOUNTS: 'false'
		},
		stdio: 'ignore'
	});
	await expect
		.poll(async () => (await fetch(`${secondServer}/healthz`).catch(() => null))?.status, {
			timeout: 90_000
		})
		.toBe(200);
	const slotId = await createSlot(db, 5);
	await expectFiveBooked(await rush([firstServer, secondServer], slotId), slotId);
});

/** One resident's requests, all at once, alternating between the two servers. */
async function sameResident(cookie: string, slotIds: number[]) {
	return Promise.all(
		slotIds.map(async (slotId, i) => {
			const response = await fetch(`${[firstServer, secondServer][i % 2]}/api/v1/bookings`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie },
				body: JSON.stringify({ slotId })
			});
			return { status: response.status, body: (await response.json()) as Answer['body'] };
		})
	);
}

test('one person, 20 parallel requests for one slot over both servers: booked once', async () => {
	// the previous test started the second server
	const [resident] = await createResidents(db, 1);
	const slotId = await createSlot(db, 50);
	const answers = await sameResident(resident.cookie, Array(20).fill(slotId));
	expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
	expect(
		answers.filter((a) => a.status === 409 && a.body.error?.code === 'duplicate')
	).toHaveLength(19);
	expect(await slotCounts(db, slotId)).toEqual({ bookedCount: 1, activeBookings: 1 });
});

test('one person, 12 slots at once over both servers: no more than the per-person limit (5)', async () => {
	const [resident] = await createResidents(db, 1);
	const slotIds: number[] = [];
	for (let i = 0; i < 12; i++) slotIds.push(await createSlot(db, 10));
	const answers = await sameResident(resident.cookie, slotIds);
	expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
	expect(answers.filter((a) => a.status === 409 && a.body.error?.code === 'limit')).toHaveLength(7);
	let active = 0;
	for (const slotId of slotIds) {
		const counts = await slotCounts(db, slotId);
		expect(counts.bookedCount).toBe(counts.activeBookings);
		active += counts.activeBookings;
	}
	expect(active).toBe(5);
});
