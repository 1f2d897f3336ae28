import type { Handle, RequestEvent } from '@sveltejs/kit';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { cookieName as localeCookie, getLocale } from '$lib/paraglide/runtime';
import { elderCookie } from '$lib/elder-cookie';
import { readGeneration } from '../generation';
import { engineStatus } from '../coverage';
import { sessionCookieName } from '../auth/session';
import { pageCacheBytes } from '../config';
import { recordPageCache } from '../metrics';
import { PageStore, type KeptPage } from './store';
import { acceptsGzip } from '../compression';

/**
 * The public pages whose answer to someone not signed in follows from the request's URL, cookies,
 * language and 长辈版 mode, the committed data, the coverage engine and the clock — and nothing else
 * (no form tickets, no per-address limits, nothing random). A page added here must stay so.
 */
const publicPages = new Set([
	'/',
	'/map',
	'/service-points/[id]',
	'/communities',
	'/communities/[code]',
	'/notices',
	'/notices/[code]',
	'/projects',
	'/projects/[id]',
	'/elder',
	'/elder/places/[category]',
	'/elder/times/[id]'
]);

/**
 * Cookies a kept page may set again for the next visitor with the same URL and cookies: the
 * preferences the URL chose (?lang=, ?home=, ?speed=, opening /elder). A page that sets any other
 * cookie (a session, a ticket) is never kept.
 */
const replayableCookies = new Set([localeCookie, elderCookie, 'home', 'speed']);

const store = new PageStore(pageCacheBytes);
const gzipped = promisify(gzip);

/**
 * Serves the public pages to visitors who are not signed in from pages rendered before, for as long
 * as nothing was committed to the database (from any process), the coverage engine is the same and
 * the clock is in the same slice of `clockSliceMs` (generation.ts). A page is kept per URL,
 * language, mode, cookies and Accept header; a page rendered while a write committed is not kept.
 * Its __data.json (client navigation) is never kept: SvelteKit marks it `private, no-store`, and
 * answers a load's error there (the public budget's 429 to one visitor) as a 200 holding an error node.
 * Renders of one page that is asked for many times at once are shared. Signed-in people (a session
 * cookie, even an expired one, or a bearer token) always get their page rendered.
 */
export const cacheAnonymousPages: Handle = async ({ event, resolve }) => {
	if (!cacheable(event)) return resolve(event);
	const db = event.locals.db;
	const generation = await generationOf(db);
	const key = keyOf(event);
	const found = store.find(generation, key);
	if (found) {
		recordPageCache('hit');
		return answer(event.request, key, found, 'hit');
	}
	const underWay = store.rendering(generation, key);
	if (underWay) {
		const page = await underWay;
		if (page) {
			recordPageCache('hit');
			return answer(event.request, key, page, 'hit');
		}
		return resolve(event);
	}
	const done = store.startRendering(generation, key);
	let kept: KeptPage | null = null;
	try {
		const response = await resolve(event);
		if (!keepable(response)) return response;
		const page: KeptPage = {
			status: response.status,
			headers: headersOf(response),
			body: new Uint8Array(await response.arrayBuffer())
		};
		// a commit (or the engine, or the clock) that moved during the render: this page may hold
		// some of the old and some of the new, so it is not kept under either
		if ((await generationOf(db)) === generation) {
			store.keep(generation, key, page);
			kept = page;
		}
		recordPageCache(kept ? 'kept' : 'not_kept');
		return answer(event.request, key, page, 'miss');
	} finally {
		done(kept);
	}
};

/**
 * The page as a response: gzipped (made once per kept page) when the browser accepts it, saying
 * whether it was kept before (X-Page-Cache: hit) or rendered for this request (miss).
 */
async function answer(
	request: Request,
	key: string,
	page: KeptPage,
	cache: 'hit' | 'miss'
): Promise<Response> {
	const headers = new Headers(page.headers);
	headers.set('x-page-cache', cache);
	let body = page.body;
	if (body.byteLength >= 1024 && acceptsGzip(request)) {
		page.gzipped ??= gzipped(page.body).then((bytes) => {
			store.addGzipped(key, page, bytes.byteLength);
			return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		});
		body = await page.gzipped;
		headers.set('content-encoding', 'gzip');
		headers.append('vary', 'Accept-Encoding');
	}
	headers.set('content-length', String(body.byteLength));
	return new Response(body as Uint8Array<ArrayBuffer>, { status: page.status, headers });
}

function cacheable(event: RequestEvent): boolean {
	return (
		store.budgetBytes > 0 &&
		event.request.method === 'GET' &&
		publicPages.has(event.route.id ?? '') &&
		event.locals.user === null &&
		event.cookies.get(sessionCookieName) === undefined &&
		!event.request.headers.has('authorization')
	);
}

/** What has been committed, and the clock's slice (generation.ts), and the coverage engine answering. */
async function generationOf(db: App.Locals['db']): Promise<string> {
	return `${await readGeneration(db)}|${engineStatus(db).version}`;
}

function keyOf(event: RequestEvent): string {
	const headers = event.request.headers;
	return [
		event.request.url,
		getLocale(),
		event.locals.elderMode ? 'elder' : 'standard',
		headers.get('cookie') ?? '',
		headers.get('accept') ?? ''
	].join('\n');
}

function keepable(response: Response): boolean {
	if (response.status !== 200 || !response.body) return false;
	if (response.headers.has('content-encoding')) return false;
	if (/no-store|private/.test(response.headers.get('cache-control') ?? '')) return false;
	const type = response.headers.get('content-type') ?? '';
	if (!/^(text\/html|application\/json)/.test(type)) return false;
	return response.headers
		.getSetCookie()
		.every((line) => replayableCookies.has(line.slice(0, line.indexOf('='))));
}

function headersOf(response: Response): [string, string][] {
	const headers: [string, string][] = [];
	response.headers.forEach((value, name) => {
		if (name !== 'set-cookie' && name !== 'content-length') headers.push([name, value]);
	});
	for (const line of response.headers.getSetCookie()) headers.push(['set-cookie', line]);
	return headers;
}
