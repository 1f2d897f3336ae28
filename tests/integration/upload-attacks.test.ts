import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectApiRefusal, randomPhone, signedInClient } from './accounts-helpers';

/**
 * The piece-by-piece import (/admin/data/uploads) attacked: every refusal in the API's shape
 * (`{"error": {"code", "message"}}`, the message in the user's language), another administrator's
 * or a guessed id not found, pieces out of place refused, one finish of two, the limit on uploads
 * under way, no cross-site start, the staged file gone after a failure.
 */
test.describe.configure({ mode: 'serial' });

let admin: APIRequestContext;
let otherAdmin: APIRequestContext;

test.beforeAll(async () => {
	admin = await signedInClient('13900000099');
	const phone = randomPhone();
	const created = await admin.post('/admin/accounts?/create', {
		form: { name: '另一位管理员', phone, password: 'other-admin-2026', role: 'admin' }
	});
	expect(created.status()).toBe(200);
	otherAdmin = await signedInClient(phone, 'other-admin-2026');
});

test.afterAll(async () => {
	await admin.dispose();
	await otherAdmin.dispose();
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
	await refusal(await start(admin, 2 ** 40), 413, 'too_large');
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
	await refusal(await piece(admin, id, 0, csv + 'x'), 413, 'too_large');
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

test('a burst of starts: at most four under way, the rest told to come back later', async () => {
	const answers = await Promise.all(Array.from({ length: 7 }, () => start(admin, 1)));
	const started = answers.filter((a) => a.status() === 201);
	expect(started.length).toBeGreaterThan(0);
	expect(started.length).toBeLessThanOrEqual(4);
	for (const refused of answers.filter((a) => a.status() !== 201)) {
		await refusal(refused, 429, 'rate_limited');
		expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
	}
	// finished (a one-byte file fails), so they no longer count against the limit
	for (const answer of started) {
		const { id } = (await answer.json()) as { id: string };
		expect((await piece(admin, id, 0, 'x')).status()).toBe(200);
		expect((await admin.post(`/admin/data/uploads/${id}`)).status()).toBe(202);
		expect((await settled(id)).state).toBe('failed');
		expect(staged(id)).toBe(false);
	}
	const again = await start(admin, 1);
	expect(again.status()).toBe(201);
	const { id } = (await again.json()) as { id: string };
	await piece(admin, id, 0, 'x');
	await admin.post(`/admin/data/uploads/${id}`);
	await settled(id);
});
