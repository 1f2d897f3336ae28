import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import {
	baseURL,
	demoPassword,
	expectApiRefusal,
	randomPhone,
	signedInClient
} from './accounts-helpers';

/**
 * The piece-by-piece import (/admin/data/uploads) attacked: every refusal in the API's shape
 * (`{"error": {"code", "message"}}`, the message in the user's language), another administrator's
 * or a guessed id not found, pieces out of place refused, one finish of two, the limit on uploads
 * under way per administrator, no write from another site's page (start, piece or finish), an
 * early refusal of a large piece answered without resetting the connection, the staged file gone
 * after a failure. (The limit for all administrators together and the drop of an abandoned upload:
 * upload-limits.test.ts, on a server of its own with small limits.)
 */
test.describe.configure({ mode: 'serial' });

/** the demo administrator: creates the administrators of this file */
let demo: APIRequestContext;
/**
 * administrators of this file alone (the limit on uploads under way is per administrator: other
 * files running meanwhile use the demo administrator's)
 */
let admin: APIRequestContext;
let adminPhone: string;
let otherAdmin: APIRequestContext;
let burstAdmin: { client: APIRequestContext; phone: string };
let lateAdmin: { client: APIRequestContext; phone: string };

async function newAdmin(name: string) {
	const phone = randomPhone();
	const created = await demo.post('/admin/accounts?/create', {
		form: { name, phone, password: 'other-admin-2026', role: 'admin' }
	});
	expect(created.status()).toBe(200);
	return { client: await signedInClient(phone, 'other-admin-2026'), phone };
}

test.beforeAll(async () => {
	demo = await signedInClient('13900000099');
	({ client: admin, phone: adminPhone } = await newAdmin('导入管理员'));
	otherAdmin = (await newAdmin('另一位管理员')).client;
	burstAdmin = await newAdmin('连点管理员');
	lateAdmin = await newAdmin('后到的管理员');
});

test.afterAll(async () => {
	for (const client of [demo, admin, otherAdmin, burstAdmin.client, lateAdmin.client])
		await client.dispose();
});

const refusal = expectApiRefusal;

function start(client: APIRequestContext, size: number, name = 'homes.csv') {
	return client.post('/admin/data/uploads', {
		headers: { 'content-type': 'application/json' },
		data: { kind: 'residences', name, mode: 'all', size }
	});
}

function piece(client: APIRequestContext, id: string, offset: number, body: string | Buffer) {
	return client.put(`/admin/data/uploads/${id}?offset=${offset}`, {
		headers: { 'content-type': 'application/octet-stream' },
		data: Buffer.from(body)
	});
}

/** The staged file of an upload (the server's temporary directory is this process's too). */
function staged(id: string): boolean {
	return readdirSync(tmpdir())
		.filter((name) => name.startsWith('lifecircle-imports-'))
		.some((name) => existsSync(join(tmpdir(), name, id)));
}

async function settled(id: string) {
	for (;;) {
		const status = (await (await admin.get(`/admin/data/uploads/${id}`)).json()) as {
			state: string;
			message?: string;
		};
		if (status.state === 'done' || status.state === 'failed') return status;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

test('a start that is not JSON, malformed or too large is refused in the API shape', async () => {
	await refusal(
		await admin.post('/admin/data/uploads', {
			headers: { 'content-type': 'text/plain' },
			data: JSON.stringify({ kind: 'residences', name: 'a.csv', mode: 'all', size: 10 })
		}),
		415,
		'unsupported_media_type'
	);
	await refusal(
		await admin.post('/admin/data/uploads', {
			headers: { 'content-type': 'application/json' },
			data: Buffer.from('{"kind":')
		}),
		400,
		'invalid_json'
	);
	for (const bad of [
		{ kind: 'residences', name: 'a.csv', mode: 'all', size: -1 },
		{ kind: 'residences', name: 'a.csv', mode: 'all', size: 1.5 },
		{ kind: 'users', name: 'a.csv', mode: 'all', size: 10 },
		{ kind: 'residences', name: 'x'.repeat(201), mode: 'all', size: 10 },
		{ kind: 'residences', name: 'a.csv', mode: 'all', size: 0 }
	])
		await refusal(
			await admin.post('/admin/data/uploads', {
				headers: { 'content-type': 'application/json' },
				data: bad
			}),
			400,
			'invalid_input'
		);
	// the pieces' own limit, not the 5 MB of a form post
	expect(await refusal(await start(admin, 2 ** 40), 413, 'too_large')).toContain('256 MB');
	// what is read whole (a street network, a GeoJSON file) keeps the form's 5 MB, refused at the start
	for (const [kind, name] of [
		['network', 'roads.geojson'],
		['network', 'roads.csv'],
		['residences', 'homes.geojson']
	]) {
		const tooBig = await admin.post('/admin/data/uploads', {
			headers: { 'content-type': 'application/json' },
			data: { kind, name, mode: 'all', size: 5 * 1024 * 1024 + 1 }
		});
		const message = await refusal(tooBig, 413, 'too_large');
		expect(message).toContain(kind === 'network' ? 'npm run import:network' : 'GeoJSON');
	}
	// a cross-site form cannot start one
	const forged = await admin.post('/admin/data/uploads', {
		headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
		data: JSON.stringify({ kind: 'residences', name: 'a.csv', mode: 'all', size: 10 })
	});
	expect(forged.status()).toBe(403);
});

test('pieces out of place, a second finish and another administrator are refused', async () => {
	const csv = 'name,community,lng,lat,households,residents,elderly_60plus,children_0_3\n';
	const started = await start(admin, csv.length);
	expect(started.status()).toBe(201);
	const { id, chunkBytes } = (await started.json()) as { id: string; chunkBytes: number };
	expect(staged(id)).toBe(true);

	// another administrator, and a guessed id: not found (nothing revealed)
	for (const [client, target] of [
		[otherAdmin, id],
		[admin, 'AAAAAAAAAAAAAAAA'],
		[admin, '__proto__']
	] as const) {
		await refusal(await client.get(`/admin/data/uploads/${target}`), 404, 'not_found');
		await refusal(await piece(client, target, 0, 'name'), 404, 'not_found');
		await refusal(await client.post(`/admin/data/uploads/${target}`), 404, 'not_found');
	}

	// malformed offsets
	for (const offset of ['-1', '1.5', 'x', '1e3', '99999999999999999999'])
		await refusal(
			await admin.put(`/admin/data/uploads/${id}?offset=${offset}`, { data: Buffer.from('a') }),
			400,
			'invalid_input'
		);
	// a piece not where the bytes received end
	expect(await refusal(await piece(admin, id, 5, 'abc'), 409, 'out_of_order')).toContain('0');
	// a piece larger than the pieces, or past the announced size
	await refusal(await piece(admin, id, 0, Buffer.alloc(chunkBytes + 1, 97)), 413, 'too_large');
	expect(await refusal(await piece(admin, id, 0, csv + 'x'), 413, 'too_large')).toContain(
		String(csv.length)
	);
	// finished before everything arrived
	await refusal(await admin.post(`/admin/data/uploads/${id}`), 409, 'out_of_order');

	expect((await piece(admin, id, 0, csv.slice(0, 10))).status()).toBe(200);
	// the same piece again (overlapping what arrived)
	await refusal(await piece(admin, id, 0, csv.slice(0, 10)), 409, 'out_of_order');
	expect((await piece(admin, id, 10, csv.slice(10))).status()).toBe(200);

	// two finishes at once: one starts the read, the other is refused
	const finishes = await Promise.all([
		admin.post(`/admin/data/uploads/${id}`),
		admin.post(`/admin/data/uploads/${id}`)
	]);
	expect(finishes.map((f) => f.status()).sort()).toEqual([202, 409]);
	// a piece after the finish
	await refusal(await piece(admin, id, csv.length, 'a'), 409, 'out_of_order');

	// the header alone: nothing to import, failed, and the staged file is gone
	expect((await settled(id)).state).toBe('failed');
	expect(staged(id)).toBe(false);
	await refusal(await otherAdmin.get(`/admin/data/uploads/${id}`), 404, 'not_found');
});

/** Finishes an upload of one byte (a one-byte file fails): it no longer counts as under way. */
async function finishOneByte(client: APIRequestContext, id: string) {
	expect((await piece(client, id, 0, 'x')).status()).toBe(200);
	expect((await client.post(`/admin/data/uploads/${id}`)).status()).toBe(202);
	for (;;) {
		const status = (await (await client.get(`/admin/data/uploads/${id}`)).json()) as {
			state: string;
		};
		if (status.state === 'done' || status.state === 'failed') break;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	expect(staged(id)).toBe(false);
}

test('a burst of starts by one administrator: exactly two under way, another administrator still starts', async () => {
	const answers = await Promise.all(Array.from({ length: 7 }, () => start(burstAdmin.client, 1)));
	const started = answers.filter((a) => a.status() === 201);
	// IMPORT_UPLOADS_PER_ADMIN (2), held exactly under concurrency
	expect(started.length).toBe(2);
	for (const refused of answers.filter((a) => a.status() !== 201)) {
		expect(await refusal(refused, 429, 'rate_limited')).toContain('2');
		expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
	}
	// one administrator's uploads do not take everyone's places
	const other = await start(lateAdmin.client, 1);
	expect(other.status()).toBe(201);
	await finishOneByte(lateAdmin.client, ((await other.json()) as { id: string }).id);
	// finished, they no longer count against the limit
	for (const answer of started)
		await finishOneByte(burstAdmin.client, ((await answer.json()) as { id: string }).id);
	const again = await start(burstAdmin.client, 1);
	expect(again.status()).toBe(201);
	await finishOneByte(burstAdmin.client, ((await again.json()) as { id: string }).id);
});

/** Node's own fetch (undici), as a script would call: one keep-alive connection reused. */
async function signIn(phone: string, password = demoPassword): Promise<string> {
	const response = await fetch(`${baseURL}/api/v1/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ phone, password })
	});
	expect(response.status).toBe(200);
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0])
		.join('; ');
}

type Sent = { status: number; code?: string; message?: string } | { socketError: string };

async function send(
	method: string,
	path: string,
	headers: Record<string, string>,
	body?: Uint8Array<ArrayBuffer> | string
): Promise<Sent> {
	try {
		const response = await fetch(`${baseURL}${path}`, {
			method,
			headers,
			body,
			redirect: 'manual'
		});
		const text = await response.text();
		const parsed = /^\{/.test(text)
			? (JSON.parse(text) as { error?: { code: string; message: string } })
			: {};
		return { status: response.status, ...parsed.error };
	} catch (error) {
		const cause = (error as { cause?: { code?: string; message?: string } }).cause;
		return { socketError: cause?.code ?? cause?.message ?? String(error) };
	}
}

test('an early refusal of a large piece is answered, and the connection serves the next request', async () => {
	const adminCookie = await signIn(adminPhone, 'other-admin-2026');
	const staffCookie = await signIn('13900000011');
	const otherCookie = await signIn(burstAdmin.phone, 'other-admin-2026');
	const started = await fetch(`${baseURL}/admin/data/uploads`, {
		method: 'POST',
		headers: { cookie: adminCookie, 'content-type': 'application/json' },
		body: JSON.stringify({ kind: 'residences', name: 'big.csv', mode: 'all', size: 1_000_000 })
	});
	expect(started.status).toBe(201);
	const { id } = (await started.json()) as { id: string };
	const octets = { 'content-type': 'application/octet-stream' };
	// 150 KB fits a piece; 250 KB is over the piece size but under BODY_SIZE_LIMIT (256K)
	for (const size of [150 * 1024, 250 * 1024]) {
		const body = new Uint8Array(size).fill(97);
		const cases: [string, string, Record<string, string>, number, string | null][] = [
			['staff', `${id}?offset=0`, { cookie: staffCookie }, 403, 'forbidden'],
			[
				'another site',
				`${id}?offset=0`,
				{ cookie: adminCookie, origin: 'https://evil.example' },
				403,
				'cross_origin'
			],
			['another administrator', `${id}?offset=0`, { cookie: otherCookie }, 404, 'not_found'],
			['unknown id', 'AAAAAAAAAAAAAAAA?offset=0', { cookie: adminCookie }, 404, 'not_found'],
			['__proto__', '__proto__?offset=0', { cookie: adminCookie }, 404, 'not_found'],
			['bad offset', `${id}?offset=5`, { cookie: adminCookie }, 409, 'out_of_order'],
			['malformed offset', `${id}?offset=x`, { cookie: adminCookie }, 400, 'invalid_input'],
			['signed out', `${id}?offset=0`, {}, 303, null]
		];
		if (size > 192 * 1024)
			cases.push([
				'larger than a piece',
				`${id}?offset=0`,
				{ cookie: adminCookie },
				413,
				'too_large'
			]);
		for (const [label, path, headers, status, code] of cases) {
			// three times each on the same keep-alive connection: a refusal that leaves the body
			// unread resets the connection, and a request after it fails
			for (let attempt = 0; attempt < 3; attempt++) {
				const answer = await send(
					'PUT',
					`/admin/data/uploads/${path}`,
					{ ...octets, ...headers },
					body
				);
				expect(answer, `${label}, ${size} bytes, attempt ${attempt + 1}`).toMatchObject(
					code ? { status, code } : { status }
				);
				if (code) expect((answer as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
			}
		}
		// and the connection still serves
		expect(await send('GET', `/admin/data/uploads/${id}`, { cookie: adminCookie })).toMatchObject({
			status: 200
		});
	}
	// over BODY_SIZE_LIMIT (256K): refused before any route runs, the connection kept too
	for (let attempt = 0; attempt < 3; attempt++)
		expect(
			await send(
				'PUT',
				`/admin/data/uploads/${id}?offset=0`,
				{ ...octets, cookie: adminCookie },
				new Uint8Array(300 * 1024).fill(97)
			)
		).toMatchObject({ status: 413, code: 'too_large' });
	// staff (not an administrator) can neither start, finish nor read one
	const staffJson = { cookie: staffCookie, 'content-type': 'application/json' };
	const input = JSON.stringify({ kind: 'residences', name: 'a.csv', mode: 'all', size: 10 });
	for (const [method, path, headers, body] of [
		['POST', '/admin/data/uploads', staffJson, input],
		['POST', `/admin/data/uploads/${id}`, { cookie: staffCookie }, undefined],
		['GET', `/admin/data/uploads/${id}`, { cookie: staffCookie }, undefined]
	] as const)
		expect(await send(method, path, headers, body)).toMatchObject({
			status: 403,
			code: 'forbidden'
		});
	// nothing of all that was taken
	const status = (await (
		await fetch(`${baseURL}/admin/data/uploads/${id}`, { headers: { cookie: adminCookie } })
	).json()) as { received: number };
	expect(status.received).toBe(0);
});

test('a large text/plain body refused with 415 is answered, and the connection serves the next request', async () => {
	// refused before any route runs (src/lib/server/request-body.ts), for the start of an upload and
	// a form action alike: the body is read first, else the refusal resets the connection
	const cookie = await signIn(adminPhone, 'other-admin-2026');
	// the site's own Origin (SvelteKit refuses a form encoding from elsewhere, or without one, first)
	const text = { cookie, 'content-type': 'text/plain', origin: baseURL };
	for (const size of [200 * 1024, 250 * 1024])
		for (const path of ['/admin/data/uploads', '/admin/accounts?/create'])
			for (let attempt = 0; attempt < 3; attempt++)
				expect(
					await send('POST', path, text, 'x'.repeat(size)),
					`${path}, ${size} bytes, attempt ${attempt + 1}`
				).toMatchObject(
					path.startsWith('/admin/data')
						? { status: 415, code: 'unsupported_media_type' }
						: { status: 415 }
				);
	expect(await send('GET', '/admin/data/uploads/AAAAAAAAAAAAAAAA', { cookie })).toMatchObject({
		status: 404,
		code: 'not_found'
	});
});

test("another site's page cannot start, send a piece or finish; the site itself and a script can", async () => {
	const evil = { origin: 'https://evil.example' };
	const json = { 'content-type': 'application/json' };
	const input = { kind: 'residences', name: 'a.csv', mode: 'all', size: 1 };
	// the start, even as JSON (SvelteKit's own check only covers form encodings)
	await refusal(
		await admin.post('/admin/data/uploads', { headers: { ...json, ...evil }, data: input }),
		403,
		'cross_origin'
	);
	const started = await admin.post('/admin/data/uploads', { headers: json, data: input });
	expect(started.status()).toBe(201);
	const { id } = (await started.json()) as { id: string };
	// a piece, and the finish (no body, no content type)
	await refusal(
		await admin.put(`/admin/data/uploads/${id}?offset=0`, {
			headers: { 'content-type': 'application/octet-stream', ...evil },
			data: Buffer.from('x')
		}),
		403,
		'cross_origin'
	);
	await refusal(
		await admin.post(`/admin/data/uploads/${id}`, { headers: evil }),
		403,
		'cross_origin'
	);
	await refusal(
		await admin.post(`/admin/data/uploads/${id}`, { headers: { origin: 'null' } }),
		403,
		'cross_origin'
	);
	// nothing was taken: the piece is still expected at 0
	expect(
		((await (await admin.get(`/admin/data/uploads/${id}`)).json()) as { received: number }).received
	).toBe(0);
	// the site's own page (its Origin: the test client sends it) sends the piece
	expect((await piece(admin, id, 0, 'x')).status()).toBe(200);
	// a script without an Origin header (Node's fetch sends none) finishes it
	const cookie = await signIn(adminPhone, 'other-admin-2026');
	expect(await send('POST', `/admin/data/uploads/${id}`, { cookie })).toMatchObject({
		status: 202
	});
	expect((await settled(id)).state).toBe('failed');
	// and a script's start without an Origin works too
	const scripted = await fetch(`${baseURL}/admin/data/uploads`, {
		method: 'POST',
		headers: { cookie, ...json },
		body: JSON.stringify(input)
	});
	expect(scripted.status).toBe(201);
	await finishOneByte(admin, ((await scripted.json()) as { id: string }).id);
});
