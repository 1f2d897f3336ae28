import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { RunningServer } from '../support/server';
import { baseURL, randomPhone, signedInClient } from './accounts-helpers';
import { startExtraServer } from './extra-server';

/**
 * The limits on imports sent in pieces for all administrators together, and the drop of an
 * abandoned upload, on a second server with small ones (IMPORT_UPLOADS_MAX=3,
 * IMPORT_UPLOADS_PER_ADMIN=2, IMPORT_UPLOAD_IDLE_SECONDS=3): the suite's own server keeps the
 * defaults (4, 2, 120 s), which upload-attacks.test.ts checks per administrator.
 */
test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let demo: APIRequestContext;
/** session cookies of three administrators of this file (the server shares the suite's database) */
const cookies: string[] = [];

test.beforeAll(async () => {
	demo = await signedInClient('13900000099');
	for (const name of ['甲管理员', '乙管理员', '丙管理员']) {
		const phone = randomPhone();
		const created = await demo.post('/admin/accounts?/create', {
			form: { name, phone, password: 'limits-admin-2026', role: 'admin' }
		});
		expect(created.status()).toBe(200);
		const login = await fetch(`${baseURL}/api/v1/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ phone, password: 'limits-admin-2026' })
		});
		expect(login.status).toBe(200);
		cookies.push(
			login.headers
				.getSetCookie()
				.map((cookie) => cookie.split(';')[0])
				.join('; ')
		);
	}
	server = await startExtraServer('127.0.0.6', {
		IMPORT_UPLOADS_MAX: '3',
		IMPORT_UPLOADS_PER_ADMIN: '2',
		IMPORT_UPLOAD_IDLE_SECONDS: '3'
	});
});

test.afterAll(async () => {
	await demo?.dispose();
	await server?.stop();
});

async function start(cookie: string) {
	return fetch(`${server.origin}/admin/data/uploads`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({ kind: 'residences', name: 'homes.csv', mode: 'all', size: 10 })
	});
}

function piece(cookie: string, id: string, offset: number, body: string) {
	return fetch(`${server.origin}/admin/data/uploads/${id}?offset=${offset}`, {
		method: 'PUT',
		headers: { cookie, 'content-type': 'application/octet-stream' },
		body
	});
}

/** A refusal in the API's shape, read from a fetch answer. */
async function refused(response: Response, status: number, code: string) {
	expect(response.status).toBe(status);
	const body = (await response.json()) as { error: { code: string; message: string } };
	expect(body.error.code).toBe(code);
	expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
	return response;
}

function staged(id: string): boolean {
	return readdirSync(tmpdir())
		.filter((name) => name.startsWith('lifecircle-imports-'))
		.some((name) => existsSync(join(tmpdir(), name, id)));
}

test('all administrators together have at most IMPORT_UPLOADS_MAX under way; abandoned ones are dropped', async () => {
	const [a, b, c] = cookies;
	const ids: string[] = [];
	for (const cookie of [a, a, b]) {
		const answer = await start(cookie);
		expect(answer.status).toBe(201);
		ids.push(((await answer.json()) as { id: string }).id);
	}
	for (const id of ids) expect(staged(id)).toBe(true);
	// the third administrator, and the second's second: the server's ceiling (3), not theirs (2)
	for (const cookie of [c, b]) {
		const answer = await refused(await start(cookie), 429, 'rate_limited');
		expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
	}
	// pieces keep an upload alive: the first one receives a piece a second, the others none
	for (let second = 0; second < 5; second++) {
		expect((await piece(a, ids[0], second, 'x')).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	// after 3 s without a piece the two others are dropped (by any request's sweep, here the
	// pieces'): their staged files gone, their places free again and their ids not found
	for (const id of ids.slice(1)) expect(staged(id)).toBe(false);
	const next = await start(c);
	expect(next.status).toBe(201);
	for (const [cookie, id] of [
		[a, ids[1]],
		[b, ids[2]]
	]) {
		await refused(await piece(cookie, id, 0, 'x'), 404, 'not_found');
	}
	// the one that kept receiving pieces is still there
	expect((await piece(a, ids[0], 5, 'x')).status).toBe(200);
});
