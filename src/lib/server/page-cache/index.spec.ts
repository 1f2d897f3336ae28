import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { closeDb, schema, transaction, type Db } from '../db';
import { useTestDatabase } from '../testing/database';
import { cacheAnonymousPages } from '.';

// The handle itself, on the database of the run (SQLite or PostgreSQL): what it keeps and what it
// must not. The clock stands still (a 10 s slice passing would start a new generation mid-test).

let db: Db;
beforeAll(async () => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(Date.parse('2026-12-01T12:00:01Z'));
	db = await useTestDatabase();
});
afterAll(async () => {
	vi.useRealTimers();
	await closeDb();
});

let paths = 0;
/** A path no other test asks for (the store is the module's, shared by the tests). */
const freshPath = () => `http://localhost/notices?spec=${++paths}`;

function eventFor(url: string, cookie = ''): RequestEvent {
	const cookies = new Map(
		cookie
			.split('; ')
			.filter(Boolean)
			.map((pair) => pair.split('=') as [string, string])
	);
	return {
		request: new Request(url, { headers: cookie ? { cookie } : {} }),
		url: new URL(url),
		route: { id: '/notices' },
		locals: { db, user: null, elderMode: false },
		cookies: { get: (name: string) => cookies.get(name) }
	} as unknown as RequestEvent;
}

const html = (text: string, headers: Record<string, string> = {}, status = 200) =>
	new Response(`<html>${text}</html>`, {
		status,
		headers: { 'content-type': 'text/html', ...headers }
	});

async function ask(url: string, render: () => Promise<Response>, cookie = '') {
	const response = await cacheAnonymousPages({ event: eventFor(url, cookie), resolve: render });
	return { cache: response.headers.get('x-page-cache'), text: await response.text() };
}

/** A commit, as another request or another process would make while a page renders. */
async function commit(): Promise<void> {
	await transaction(db, async (tx) => {
		await tx
			.insert(schema.meta)
			.values({ key: 'page-cache-spec', value: String(Math.random()) })
			.onConflictDoUpdate({ target: schema.meta.key, set: { value: String(Math.random()) } });
	});
}

/**
 * Runs `attempt` (on a fresh path each time) until it reports that its renders and looks fell in one
 * generation. On SQLite that is the first time; on PostgreSQL any transaction anywhere on the
 * cluster — the other spec files' databases run beside this one — moves the generation (by design:
 * the snapshot is the server's), so a page kept a moment ago may be gone at the next look.
 */
async function inOneGeneration(attempt: (url: string) => Promise<boolean>): Promise<void> {
	for (let i = 0; i < 100; i++) if (await attempt(freshPath())) return;
	throw new Error('no two looks in one generation in 100 attempts');
}

describe('cacheAnonymousPages', () => {
	it('keeps a page rendered while nothing was committed, for the next visitor', async () => {
		await inOneGeneration(async (url) => {
			expect(await ask(url, async () => html('one'))).toEqual({
				cache: 'miss',
				text: '<html>one</html>'
			});
			const render = vi.fn(async () => html('two'));
			const next = await ask(url, render);
			if (next.cache !== 'hit') return false;
			expect(next.text).toBe('<html>one</html>');
			expect(render).not.toHaveBeenCalled();
			return true;
		});
	});

	it('does not keep a page during whose render something was committed', async () => {
		const url = freshPath();
		// the render read the old data; a write committed before it ended, and another visitor came
		// after the write (and was answered) while it was still under way
		const straddling = await ask(url, async () => {
			const page = html('before the write');
			await commit();
			expect((await ask(url, async () => html('after the write'))).cache).toBe('miss');
			return page;
		});
		expect(straddling.text).toBe('<html>before the write</html>');
		for (let i = 0; i < 2; i++) {
			expect((await ask(url, async () => html('after the write'))).text).toBe(
				'<html>after the write</html>'
			);
		}
	});

	it('serves nothing kept before a commit', async () => {
		let url = '';
		await inOneGeneration(async (fresh) => {
			url = fresh;
			await ask(url, async () => html('old'));
			return (await ask(url, async () => html('unused'))).cache === 'hit';
		});
		await commit();
		expect(await ask(url, async () => html('new'))).toEqual({
			cache: 'miss',
			text: '<html>new</html>'
		});
	});

	it('never keeps a refusal, a page with a cookie of its own, or one marked private', async () => {
		for (const refused of [
			() => html('busy', { 'retry-after': '3' }, 429),
			() => html('ticket', { 'set-cookie': 'session=abc; Path=/; HttpOnly' }),
			() => html('mine', { 'cache-control': 'private, no-store' }),
			() =>
				new Response('{"type":"data","nodes":[]}', {
					headers: { 'content-type': 'application/json', 'cache-control': 'private, no-store' }
				})
		]) {
			const url = freshPath();
			await ask(url, async () => refused());
			expect(await ask(url, async () => html('rendered again'))).toEqual({
				cache: 'miss',
				text: '<html>rendered again</html>'
			});
		}
	});

	it('lets the visitors who waited for a render that was not kept render for themselves', async () => {
		const url = freshPath();
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		let started!: () => void;
		const rendering = new Promise<void>((resolve) => (started = resolve));
		const first = ask(url, async () => {
			started();
			await gate;
			return html('over your budget', {}, 429);
		});
		// the others ask once the first render is under way (and so wait for it)
		await rendering;
		const others = vi.fn(async () => html('your own'));
		const second = ask(url, others);
		const third = ask(url, others);
		release();
		expect((await first).text).toBe('<html>over your budget</html>');
		expect((await second).text).toBe('<html>your own</html>');
		expect((await third).text).toBe('<html>your own</html>');
		// each rendered for itself, or (PostgreSQL's slower look at the generation) one waited for
		// the other's render: never for the refusal
		expect(others).toHaveBeenCalled();
	});

	it('shares one render among the visitors who ask while it is under way', async () => {
		await inOneGeneration(async (url) => {
			let release!: () => void;
			const gate = new Promise<void>((resolve) => (release = resolve));
			const render = vi.fn(async () => {
				await gate;
				return html('shared');
			});
			const answers = Promise.all([ask(url, render), ask(url, render), ask(url, render)]);
			release();
			expect((await answers).map((a) => a.text)).toEqual(Array(3).fill('<html>shared</html>'));
			return render.mock.calls.length === 1;
		});
	});
});
