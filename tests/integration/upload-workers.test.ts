/**
 * Imports in pieces on a server of two processes (WORKERS=2, as `npm start` runs on a machine with
 * two cores; no sticky sessions): every request here goes on a connection of its own, and the
 * cluster's primary hands each connection to the next process, so the start, the pieces, the status
 * requests and the finish of one upload reach both. A whole upload goes through and its report is
 * read from both processes; a piece and a finish sent to the process that did not see the start are
 * taken; two finishes at once (one per process) start one import; the limits (2 per administrator, 3
 * in all here) hold exactly under parallel starts spread over both processes. The server runs on a
 * copy of the test server's database (the import writes homes).
 */
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { like } from 'drizzle-orm';
import {
	closeDatabase,
	copyDatabase,
	openDatabase,
	schema,
	type Db
} from '../../src/lib/server/db';
import { removeDatabase, startServer, type RunningServer } from '../support/server';
import { scratchDatabaseUrl, testServerDatabaseUrl } from '../support/test-server-db';
import { demoPassword, randomPhone } from './accounts-helpers';

test.describe.configure({ mode: 'serial' });

const databaseUrl = scratchDatabaseUrl(`upload-workers-${process.env.TEST_PORT}`);
const privateBuild = `tests/output/build-${process.env.TEST_PORT}`;
const uploads = '/admin/data/uploads';
const oneUpload = '/admin/data/uploads/[id]';

let server: RunningServer;
let db: Db;
/** session cookies: the demo administrator, then two administrators of this file */
const cookies: string[] = [];

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** One request on a connection of its own (no keep-alive agent): it may reach either process. */
function send(
	path: string,
	options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const outgoing = request(
			`${server.origin}${path}`,
			{ method: options.method ?? 'GET', headers: options.headers, agent: false },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: Buffer.concat(chunks).toString('utf8')
					})
				);
			}
		);
		outgoing.setTimeout(30_000, () => outgoing.destroy(new Error(`${path} timed out`)));
		outgoing.on('error', reject);
		outgoing.end(options.body);
	});
}

/** Requests answered per process (`worker` label of /metrics), for one method and route. */
async function answeredBy(method: string, route: string): Promise<Map<string, number>> {
	// a scrape the primary had to send without a busy worker's series is taken again
	let text = '';
	for (let attempt = 0; attempt < 10; attempt++) {
		text = (await send('/metrics')).body;
		const workers = new Set(
			[...text.matchAll(/^nodejs_eventloop_lag_seconds\{worker="(\d+)"\}/gm)].map((m) => m[1])
		);
		if (workers.size === 2) break;
	}
	const counts = new Map<string, number>();
	for (const line of text.split('\n')) {
		if (!line.startsWith('lifecircle_http_requests_total{')) continue;
		if (!line.includes(`method="${method}"`) || !line.includes(`route="${route}"`)) continue;
		const worker = /worker="(\d+)"/.exec(line)?.[1];
		if (worker)
			counts.set(worker, (counts.get(worker) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
	}
	return counts;
}

/** The process (pid) that answered `send`'s request. */
async function servedBy<T>(
	method: string,
	route: string,
	sent: () => Promise<T>
): Promise<{ answer: T; worker: string }> {
	const before = await answeredBy(method, route);
	const answer = await sent();
	const after = await answeredBy(method, route);
	const moved = [...after].filter(([pid, n]) => n > (before.get(pid) ?? 0)).map(([pid]) => pid);
	expect(moved).toHaveLength(1);
	return { answer, worker: moved[0] };
}

async function signIn(phone: string, password: string): Promise<string> {
	const answer = await send('/api/v1/auth/login', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ phone, password })
	});
	expect(answer.status, answer.body).toBe(200);
	const set = answer.headers['set-cookie'] ?? [];
	return (Array.isArray(set) ? set : [set]).map((cookie) => cookie.split(';')[0]).join('; ');
}

function start(cookie: string, size: number, name = 'homes.csv') {
	return send(uploads, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({ kind: 'residences', name, mode: 'partial', size })
	});
}

function piece(cookie: string, id: string, offset: number, body: string | Buffer) {
	return send(`${uploads}/${id}?offset=${offset}`, {
		method: 'PUT',
		headers: { cookie, 'content-type': 'application/octet-stream', origin: server.origin },
		body
	});
}

const finish = (cookie: string, id: string) =>
	send(`${uploads}/${id}`, { method: 'POST', headers: { cookie, origin: server.origin } });

const statusOf = (cookie: string, id: string) => send(`${uploads}/${id}`, { headers: { cookie } });

interface Status {
	id: string;
	state: string;
	received: number;
	rows: number;
	message?: string;
	report?: { written: boolean; inserted: number; rejectedTotal: number };
}

async function settled(cookie: string, id: string): Promise<Status> {
	for (;;) {
		const answer = await statusOf(cookie, id);
		expect(answer.status, answer.body).toBe(200);
		const status = JSON.parse(answer.body) as Status;
		if (status.state === 'done' || status.state === 'failed') return status;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

function refusal(answer: Answer, status: number, code: string): string {
	expect(answer.status, answer.body).toBe(status);
	const { error } = JSON.parse(answer.body) as { error: { code: string; message: string } };
	expect(error.code).toBe(code);
	expect(error.message).toMatch(/[\u4e00-\u9fff]/);
	return error.message;
}

test.beforeAll(async () => {
	test.setTimeout(180_000);
	await copyDatabase(testServerDatabaseUrl(), databaseUrl);
	server = await startServer({
		workers: 2,
		buildDir: existsSync(`${privateBuild}/index.js`) ? privateBuild : 'build',
		database: databaseUrl,
		log: `upload-workers-${process.env.TEST_PORT}`,
		env: {
			SEED_DEMO: 'false',
			// the copied database holds the whole suite's sign-ins from 127.0.0.1 (as the test server,
			// which lifts the per-address limit too)
			LOGIN_LIMIT_PER_IP: '100000',
			IMPORT_UPLOADS_MAX: '3',
			IMPORT_UPLOADS_PER_ADMIN: '2',
			IMPORT_UPLOAD_IDLE_SECONDS: '60'
		},
		healthTimeoutMs: 120_000
	});
	db = openDatabase(databaseUrl);
	cookies.push(await signIn('13900000099', demoPassword));
	for (const name of ['甲进程管理员', '乙进程管理员']) {
		const phone = randomPhone();
		const created = await send('/admin/accounts?/create', {
			method: 'POST',
			headers: {
				cookie: cookies[0],
				origin: server.origin,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				name,
				phone,
				password: 'workers-admin-2026',
				role: 'admin'
			}).toString()
		});
		expect(created.status, created.body.slice(0, 500)).toBe(200);
		cookies.push(await signIn(phone, 'workers-admin-2026'));
	}
});

test.afterAll(async () => {
	await server?.stop();
	if (db) await closeDatabase(db);
	removeDatabase(databaseUrl);
});

test('a whole upload over both processes: pieces, status, one of two finishes, the report', async () => {
	test.setTimeout(120_000);
	const [cookie] = cookies;
	const communities = JSON.parse((await send('/api/communities.geojson')).body) as {
		features: { properties: { code: string } }[];
	};
	const code = communities.features[0].properties.code;
	const rows = 2000;
	const csv = [
		'name,community,lng,lat,households,residents,elderly_60plus,children_0_3',
		...Array.from(
			{ length: rows },
			(_, i) => `两进程小区${i},${code},${(98.28 + (i % 50) * 1e-4).toFixed(6)},39.78,30,60,10,2`
		)
	].join('\n');
	const bytes = Buffer.from(csv);

	const started = await start(cookie, bytes.length);
	expect(started.status, started.body).toBe(201);
	const { id, chunkBytes } = JSON.parse(started.body) as { id: string; chunkBytes: number };
	expect(chunkBytes).toBe(192 * 1024);

	// small pieces (any size up to chunkBytes is taken), every request on a fresh connection
	const pieceBytes = 8 * 1024;
	for (let offset = 0; offset < bytes.length; offset += pieceBytes) {
		const sent = await piece(cookie, id, offset, bytes.subarray(offset, offset + pieceBytes));
		expect(sent.status, `piece at ${offset}: ${sent.body}`).toBe(200);
		// one status request after a piece, two after the next: the primary hands connections round
		// in turn, so pieces and status requests both reach both processes
		for (let n = 0; n < 1 + ((offset / pieceBytes) % 2); n++) {
			const status = await statusOf(cookie, id);
			expect(status.status, `status after ${offset}: ${status.body}`).toBe(200);
			expect((JSON.parse(status.body) as Status).received).toBe(
				Math.min(bytes.length, offset + pieceBytes)
			);
		}
	}
	// both processes took pieces and answered status requests of this one upload
	expect((await answeredBy('PUT', oneUpload)).size).toBe(2);
	expect((await answeredBy('GET', oneUpload)).size).toBe(2);
	// another administrator's status request, on either process: not found
	for (let i = 0; i < 2; i++) refusal(await statusOf(cookies[1], id), 404, 'not_found');

	// two finishes at once, on two connections (so, as a rule, on both processes): one import
	const finishes = await Promise.all([finish(cookie, id), finish(cookie, id)]);
	expect(finishes.map((f) => f.status).sort()).toEqual([202, 409]);
	refusal(
		finishes.find((f) => f.status === 409)!,
		409,
		'out_of_order'
	);
	// and a third one later, and a piece after the finish, wherever they land
	for (let i = 0; i < 2; i++) {
		refusal(await finish(cookie, id), 409, 'out_of_order');
		refusal(await piece(cookie, id, bytes.length, 'x'), 409, 'out_of_order');
	}

	const report = await settled(cookie, id);
	expect(report.state, report.message).toBe('done');
	expect(report.rows).toBe(rows);
	expect(report.report).toMatchObject({ written: true, inserted: rows, rejectedTotal: 0 });
	// written once (the second finish started nothing)
	const homes = await db
		.select({ id: schema.residence.id })
		.from(schema.residence)
		.where(like(schema.residence.name, '两进程小区%'));
	expect(homes).toHaveLength(rows);
	// the report, from either process
	const { worker: first } = await servedBy('GET', oneUpload, () => statusOf(cookie, id));
	let other: string | undefined;
	for (let i = 0; i < 6 && !other; i++) {
		const { answer, worker } = await servedBy('GET', oneUpload, () => statusOf(cookie, id));
		expect(answer.status).toBe(200);
		expect((JSON.parse(answer.body) as Status).report?.inserted).toBe(rows);
		if (worker !== first) other = worker;
	}
	expect(other).toBeDefined();
});

test('a piece and a finish on the process that did not see the start are taken', async () => {
	test.setTimeout(120_000);
	const cookie = cookies[1];
	let pieceElsewhere = false;
	let finishElsewhere = false;
	// a one-byte file each time (it fails as a CSV, and so leaves its place), until the finish too
	// has reached the other process
	for (let attempt = 0; attempt < 8 && !finishElsewhere; attempt++) {
		const { answer: started, worker: starter } = await servedBy('POST', uploads, () =>
			start(cookie, 2)
		);
		expect(started.status, started.body).toBe(201);
		const { id } = JSON.parse(started.body) as { id: string };
		for (const [offset, byte] of [
			[0, 'x'],
			[1, 'y']
		] as const) {
			const { answer, worker } = await servedBy('PUT', oneUpload, () =>
				piece(cookie, id, offset, byte)
			);
			expect(answer.status, answer.body).toBe(200);
			expect((JSON.parse(answer.body) as Status).received).toBe(offset + 1);
			if (worker !== starter) pieceElsewhere = true;
		}
		const { answer, worker } = await servedBy('POST', oneUpload, () => finish(cookie, id));
		expect(answer.status, answer.body).toBe(202);
		if (worker !== starter) finishElsewhere = true;
		expect((await settled(cookie, id)).state).toBe('failed');
	}
	expect(pieceElsewhere).toBe(true);
	expect(finishElsewhere).toBe(true);
});

test('parallel starts over both processes: 2 per administrator and 3 in all, exactly', async () => {
	test.setTimeout(120_000);
	const [, second, third] = cookies;
	const burst = await Promise.all(Array.from({ length: 8 }, () => start(second, 1)));
	expect((await answeredBy('POST', uploads)).size).toBe(2);
	const taken = burst.filter((a) => a.status === 201);
	expect(taken).toHaveLength(2);
	for (const refused of burst.filter((a) => a.status !== 201)) {
		expect(refusal(refused, 429, 'rate_limited')).toContain('2');
		expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
	}
	// one place is left in all: of the third administrator's parallel starts, one takes it
	const others = await Promise.all(Array.from({ length: 6 }, () => start(third, 1)));
	expect(others.filter((a) => a.status === 201)).toHaveLength(1);
	for (const refused of others.filter((a) => a.status !== 201))
		refusal(refused, 429, 'rate_limited');
	// the demo administrator has none under way, and the ceiling still says no
	refusal(await start(cookies[0], 1), 429, 'rate_limited');
	// finished (a one-byte file fails), an upload leaves its place: the demo administrator's start
	// is taken, wherever it lands
	const [free] = taken.map((a) => (JSON.parse(a.body) as { id: string }).id);
	expect((await piece(second, free, 0, 'x')).status).toBe(200);
	expect((await finish(second, free)).status).toBe(202);
	expect((await settled(second, free)).state).toBe('failed');
	expect((await start(cookies[0], 1)).status).toBe(201);
	refusal(await start(cookies[0], 1), 429, 'rate_limited');
});
