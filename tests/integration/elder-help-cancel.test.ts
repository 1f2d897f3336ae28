import { expect, test, type APIRequestContext } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { schema, transaction } from '../../src/lib/server/db';
import { withServerDb } from '../support/test-server-db';
import { baseURL, registerResident, signedInClient } from './accounts-helpers';

// 长辈版 取消求助 over HTTP (/elder/help?cancel=<id>, action ?/cancel): the elder withdraws their own
// request once; another elder's request, a resident who did not ask, malformed and unknown ids, a
// forged Origin and a second cancel are each a 4xx with a Chinese message, and nothing is written.

const elderPhone = '13900000002';
const shengli = '620201001002';
const hourMs = 3_600_000;
const han = /[\u4e00-\u9fff]/;

test.describe.configure({ mode: 'serial' });

let elder: APIRequestContext;
let stranger: { client: APIRequestContext; id: number };
let mine = 0;
let theirs = 0;

/** A help request written straight into the database (the asking itself is tested elsewhere). */
async function helpRequestFor(elderUserId: number): Promise<number> {
	return withServerDb((db) =>
		transaction(db, async (tx) => {
			const startsAt = Date.now() + 24 * hourMs;
			const [row] = await tx
				.insert(schema.helpRequest)
				.values({
					communityCode: shengli,
					elderUserId,
					askedByUserId: elderUserId,
					askedAs: 'self',
					item: 'medical_escort',
					wantedStartAt: new Date(startsAt),
					wantedEndAt: new Date(startsAt + 2 * hourMs),
					lng: 98.29,
					lat: 39.77,
					status: 'escalated'
				})
				.returning({ id: schema.helpRequest.id });
			return row.id;
		})
	);
}

async function row(id: number) {
	return withServerDb(async (db) => {
		const [r] = await db
			.select({ status: schema.helpRequest.status, cancelledAt: schema.helpRequest.cancelledAt })
			.from(schema.helpRequest)
			.where(eq(schema.helpRequest.id, id))
			.limit(1);
		return r;
	});
}

const unchanged = { status: 'escalated', cancelledAt: null };

function cancel(client: APIRequestContext, id: string, headers: Record<string, string> = {}) {
	return client.post('/elder/help?/cancel', { form: { id }, headers });
}

test.beforeAll(async () => {
	elder = await signedInClient(elderPhone);
	stranger = await registerResident();
	const elderId = await withServerDb(async (db) => {
		const [r] = await db
			.select({ id: schema.user.id })
			.from(schema.user)
			.where(eq(schema.user.phone, elderPhone))
			.limit(1);
		return r.id;
	});
	mine = await helpRequestFor(elderId);
	theirs = await helpRequestFor(stranger.id);
});

test('another elder’s request and a resident who did not ask: 404 in Chinese, nothing written', async () => {
	// the demo elder tries the stranger's request: neither the question screen nor the action
	const asked = await elder.get(`/elder/help?cancel=${theirs}`);
	expect(asked.status()).toBe(404);
	expect(await asked.text()).toContain('没有找到您的这个求助');
	const posted = await cancel(elder, String(theirs));
	expect(posted.status()).toBe(404);
	expect(await posted.text()).toContain('没有找到您的这个求助');
	expect(await row(theirs)).toEqual(unchanged);

	// a resident who is not the asker tries the elder's request
	expect((await stranger.client.get(`/elder/help?cancel=${mine}`)).status()).toBe(404);
	const theirTry = await cancel(stranger.client, String(mine));
	expect(theirTry.status()).toBe(404);
	expect(await theirTry.text()).toContain('没有找到您的这个求助');
	expect(await row(mine)).toEqual(unchanged);
});

test('malformed and unknown ids: 400 / 404 in Chinese, nothing written', async () => {
	for (const id of [
		'',
		'abc',
		'-1',
		'0x1',
		'1e3',
		` ${mine}`,
		`${mine}.0`,
		'99999999999999999999'
	]) {
		const posted = await cancel(elder, id);
		expect(posted.status(), `id ${JSON.stringify(id)}`).toBe(400);
		expect(await posted.text()).toContain('这个求助的编号不对');
		const asked = await elder.get(`/elder/help?cancel=${encodeURIComponent(id)}`);
		expect(asked.status(), `?cancel=${JSON.stringify(id)}`).toBe(400);
	}
	const unknown = await cancel(elder, '987654321');
	expect(unknown.status()).toBe(404);
	expect(await unknown.text()).toMatch(han);
	expect((await elder.get('/elder/help?cancel=987654321')).status()).toBe(404);
	expect(await row(mine)).toEqual(unchanged);
});

test('a forged Origin is refused, nothing written', async () => {
	const forged = await cancel(elder, String(mine), { origin: 'https://evil.example' });
	expect(forged.status()).toBe(403);
	// (SvelteKit's own cross-site check answers before any route runs, in its English text)
	expect(await row(mine)).toEqual(unchanged);
	// the same elder from the portal's own page would be asked, and may: only the origin was wrong
	expect(await (await elder.get(`/elder/help?cancel=${mine}`)).text()).toContain('确定取消');
	expect(await row(mine)).toEqual(unchanged);
});

test('the elder withdraws their own request once; a second cancel is a 409 in Chinese, nothing written', async () => {
	const asked = await elder.get(`/elder/help?cancel=${mine}`);
	expect(asked.status()).toBe(200);
	const page = await asked.text();
	expect(page).toContain('确定不要这次帮忙了吗？');
	expect(page).toContain('确定取消');
	expect(page).toContain('不取消，返回');

	const done = await cancel(elder, String(mine), { origin: baseURL });
	expect(done.status()).toBe(200);
	// nobody had accepted it: the elder is told exactly that nobody is notified
	expect(await done.text()).toContain('还没有志愿者接下，不用再通知谁');
	const after = await row(mine);
	expect(after.status).toBe('cancelled');
	expect(after.cancelledAt).not.toBeNull();

	const again = await cancel(elder, String(mine));
	expect(again.status()).toBe(409);
	expect(await again.text()).toContain('这个求助已经办完或已经取消了');
	expect(await row(mine)).toEqual(after);
	// the question screen for it now says so, without a button
	const screen = await (await elder.get(`/elder/help?cancel=${mine}`)).text();
	expect(screen).toContain('这个求助已经办完或已经取消了');
	expect(screen).not.toContain('确定取消');
});

test('an accepted request: the elder is told the volunteer gets a message, and the volunteer does', async () => {
	const elderId = await withServerDb(async (db) => {
		const [r] = await db
			.select({ id: schema.user.id })
			.from(schema.user)
			.where(eq(schema.user.phone, elderPhone))
			.limit(1);
		return r.id;
	});
	const id = await helpRequestFor(elderId);
	// the demo volunteer (13900000131) has accepted it
	const helper = await withServerDb(async (db) => {
		const [v] = await db
			.select({ id: schema.volunteer.id, userId: schema.user.id, name: schema.user.name })
			.from(schema.volunteer)
			.innerJoin(schema.user, eq(schema.user.id, schema.volunteer.userId))
			.where(eq(schema.user.phone, '13900000131'))
			.limit(1);
		await transaction(db, async (tx) => {
			await tx
				.update(schema.helpRequest)
				.set({ status: 'accepted', acceptedVolunteerId: v.id, acceptedAt: new Date() })
				.where(eq(schema.helpRequest.id, id));
		});
		return v;
	});
	const told = () =>
		withServerDb(
			async (db) =>
				(
					await db
						.select({ id: schema.notification.id })
						.from(schema.notification)
						.where(
							and(
								eq(schema.notification.userId, helper.userId),
								eq(schema.notification.kind, 'help_cancelled')
							)
						)
				).length
		);
	const before = await told();
	const screen = await (await elder.get(`/elder/help?cancel=${id}`)).text();
	expect(screen).toContain(`取消后，我们会发消息和短信告诉志愿者${helper.name}。`);
	const done = await cancel(elder, String(id));
	expect(done.status()).toBe(200);
	expect(await done.text()).toContain(`志愿者${helper.name}会收到消息和短信通知`);
	expect((await row(id)).status).toBe('cancelled');
	expect(await told()).toBe(before + 1);
	// and the text message waits in the outbox, once
	const texts = await withServerDb((db) =>
		db
			.select({ id: schema.outbox.id })
			.from(schema.outbox)
			.where(eq(schema.outbox.dedupeKey, `help:${id}:help_cancelled:${helper.userId}`))
	);
	expect(texts).toHaveLength(1);
});
