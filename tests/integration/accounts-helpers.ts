import {
	expect,
	request as playwrightRequest,
	type APIRequestContext,
	type APIResponse
} from '@playwright/test';
import { desc, eq } from 'drizzle-orm';
import { schema } from '../../src/lib/server/db';
import { countRows, withServerDb } from '../support/test-server-db';

export const baseURL = `http://localhost:${process.env.TEST_PORT}`;
export const demoPassword = 'jyg-demo-2026';

/** A mobile number no other test uses (137 + 8 random digits). */
export function randomPhone(): string {
	return '137' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
}

export function countUsersWithPhone(phone: string): Promise<number> {
	return countRows(schema.user, eq(schema.user.phone, phone));
}

/** The last code texted to a phone, read from the outbox. */
export async function lastCodeTo(phone: string): Promise<string> {
	const [row] = await withServerDb((db) =>
		db
			.select({ body: schema.outbox.body })
			.from(schema.outbox)
			.where(eq(schema.outbox.recipient, phone))
			.orderBy(desc(schema.outbox.id))
			.limit(1)
	);
	return /(\d{6})/.exec(row?.body ?? '')?.[1] ?? '';
}

/** A fresh request context (its own cookie jar) that answers like a browser without JavaScript. */
export function newClient(locale = 'zh-CN'): Promise<APIRequestContext> {
	return playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { accept: 'text/html', origin: baseURL, 'accept-language': locale },
		maxRedirects: 0
	});
}

export async function signedInClient(phone: string, password = demoPassword) {
	const client = await newClient();
	const response = await client.post('/api/v1/auth/login', { data: { phone, password } });
	expect(response.status(), `login ${phone}`).toBe(200);
	return client;
}

/** Registers a resident through the API (code read from the outbox); returns a signed-in client. */
export async function registerResident(
	phone = randomPhone(),
	details: Record<string, unknown> = {}
): Promise<{ client: APIRequestContext; phone: string; password: string; id: number }> {
	const client = await newClient();
	const password = 'walk-to-the-clinic';
	const started = await client.post('/api/v1/auth/register', {
		data: {
			name: '测试居民',
			phone,
			password,
			communityCode: '620201001002',
			consent: true,
			...details
		}
	});
	expect(started.status()).toBe(202);
	const { ticket } = await started.json();
	const done = await client.post('/api/v1/auth/register', {
		data: { ticket, code: await lastCodeTo(phone) }
	});
	expect(done.status()).toBe(201);
	const { user } = await done.json();
	return { client, phone, password, id: user.id };
}

/** A staff account scoped to a whole street (a planner of that street), created by `admin`, signed in. */
export async function streetPlanner(admin: APIRequestContext, streetCode: string) {
	const phone = randomPhone();
	const created = await admin.post('/admin/accounts?/create', {
		form: {
			name: '街道规划员',
			phone,
			password: 'street-planner-2026',
			role: 'staff',
			streetCodes: streetCode
		}
	});
	expect(created.status()).toBe(200);
	return signedInClient(phone, 'street-planner-2026');
}

/** A refusal in the JSON API's shape, its message in Chinese (the clients ask for zh-CN). */
export async function expectApiRefusal(response: APIResponse, status: number, code: string) {
	expect(response.status(), response.url()).toBe(status);
	const body = (await response.json()) as { error: { code: string; message: string } };
	expect(body.error.code, response.url()).toBe(code);
	expect(body.error.message, response.url()).toMatch(/[\u4e00-\u9fff]/);
	return body.error.message;
}
