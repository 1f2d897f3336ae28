import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { createResidents, createSlot, openTestDatabase, slotCounts } from '../support/booking-db';

const databaseFile = process.env.TEST_DATABASE_URL ?? 'tests/output/e2e.db';
const firstServer = `http://localhost:${process.env.TEST_PORT ?? 4173}`;
const secondPort = Number(process.env.TEST_PORT ?? 4173) + 1000;
const secondServer = `http://localhost:${secondPort}`;
// the same private copy of the build the Playwright web server runs (tests/start-test-server.js)
const privateBuild = `tests/output/build-${process.env.TEST_PORT}/index.js`;
const buildEntry = existsSync(privateBuild) ? privateBuild : 'build/index.js';

let db: Database.Database;
let second: ChildProcess | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
	db = openTestDatabase(databaseFile);
});

test.afterAll(() => {
	second?.kill('SIGTERM');
	db?.close();
});

/** 200 different residents ask for the same slot of 5 places at once. */
async function rush(servers: string[], slotId: number) {
	const residents = createResidents(db, 200);
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

function expectFiveBooked(answers: Answer[], slotId: number) {
	const booked = answers.filter((a) => a.status === 201);
	const full = answers.filter((a) => a.status === 409 && a.body.error?.code === 'full');
	expect(booked).toHaveLength(5);
	expect(full).toHaveLength(195);
	// each told whether the waitlist is open
	expect(full.every((a) => a.body.error?.waitlistOpen === true)).toBe(true);
	expect(new Set(booked.map((a) => a.body.booking?.code)).size).toBe(5);
	expect(slotCounts(db, slotId)).toEqual({ bookedCount: 5, activeBookings: 5 });
}

test('200 parallel bookings for 5 places: exactly 5 booked, 195 told it is full', async () => {
	const slotId = createSlot(db, 5);
	expectFiveBooked(await rush([firstServer], slotId), slotId);
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
	const slotId = createSlot(db, 5);
	expectFiveBooked(await rush([firstServer, secondServer], slotId), slotId);
});
