/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * The portal on a phone without signal (SvelteKit registers this file itself).
 *
 * - The shell (icons, the manifest, offline.html) is cached at install; the app's hashed scripts and
 *   styles that a kept page names are cached with it: the pages below render and hydrate offline.
 * - 我的预约 and the booking pages and slips (personal pages, `$lib/offline/policy`) are fetched from
 *   the network first and kept, page and data, in the signed-in person's own cache; without a network
 *   (or after 4 s without an answer, Workbox's "network first with a timeout") the kept copy is shown.
 *   The bookings pages ask to keep the slips they list (a "keep" message), so a slip opens at the door
 *   even if it was never opened before.
 * - Each page the server renders says for whom (`x-lifecircle-person`): an answer for someone else or
 *   for nobody, and any logout, deletes the kept pages at once.
 * - Everything else goes to the network; a page that cannot be loaded offline shows offline.html.
 */
import { build, files, version } from '$service-worker';
import {
	dataPath,
	keepablePaths,
	personalCacheName,
	personalCachePrefix,
	personalKey,
	personOf,
	slipBookingId
} from '$lib/offline/policy';

const worker = self as unknown as ServiceWorkerGlobalScope;
const shellCache = `lifecircle-shell-${version}`;
const metaCache = 'lifecircle-meta';
const personRequest = '/__offline/person';
const offlinePage = '/offline.html';
const networkTimeoutMs = 4000;
/** a slip kept this recently is not fetched again when the list is opened (each slip draws a route) */
const keepFreshMs = 10 * 60_000;
/**
 * Installed at once: the small static files. The app's scripts and styles (hundreds of hashed
 * files) are kept only as a kept page names them, so installing costs a phone (and a test browser)
 * a few kilobytes, not the whole app.
 */
const shell = files.filter((file) => !file.endsWith('.txt'));
const shellPaths = new Set(shell);
const appAssets = new Set(build);

worker.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(shellCache);
			await cache.addAll(shell);
			await worker.skipWaiting();
		})()
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name.startsWith('lifecircle-shell-') && name !== shellCache) await caches.delete(name);
			}
			await worker.clients.claim();
			// kept pages name the old build's scripts and styles: fetch them again for this one
			await refreshKept();
		})()
	);
});

worker.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;
	if (request.method === 'POST' && url.pathname === '/logout') {
		// gone from this phone when the person leaves, even if the network fails them
		event.waitUntil(forgetPeople(null));
		return;
	}
	if (request.method !== 'GET') return;
	if (shellPaths.has(url.pathname) || appAssets.has(url.pathname)) {
		event.respondWith(fromShell(event, request, appAssets.has(url.pathname)));
		return;
	}
	const key = personalKey(url, worker.location.origin);
	if (key) {
		event.respondWith(networkFirst(event, request, key));
		return;
	}
	if (request.mode === 'navigate' || url.pathname.endsWith('/__data.json')) {
		event.respondWith(observed(request, request.mode === 'navigate'));
	}
});

worker.addEventListener('message', (event) => {
	const message = event.data as { type?: string; paths?: unknown } | null;
	if (message?.type === 'keep') event.waitUntil(keep(message.paths));
});

/**
 * The shell from its cache. A script or style of the app (hashed: it never changes) is kept as it
 * passes: what a page used online is there for it offline.
 */
async function fromShell(event: FetchEvent, request: Request, keep: boolean): Promise<Response> {
	const cache = await caches.open(shellCache);
	const cached = await cache.match(request);
	if (cached) return cached;
	const response = await fetch(request);
	if (keep && response.ok) event.waitUntil(cache.put(request, response.clone()));
	return response;
}

/** A page that is not kept: from the network; the person it names is noted (logout elsewhere). */
async function observed(request: Request, navigation: boolean): Promise<Response> {
	try {
		const response = await fetch(request);
		await notePerson(personOf(response.headers));
		return response;
	} catch (failure) {
		if (!navigation) throw failure;
		return (await caches.match(offlinePage, { cacheName: shellCache })) ?? Response.error();
	}
}

/** A personal page: the network's answer (kept), else after a failure or a timeout the kept copy. */
async function networkFirst(event: FetchEvent, request: Request, key: string): Promise<Response> {
	const askedAt = forgets.length;
	const network = fetch(request).then(async (response) => {
		await store(key, response.clone(), askedAt);
		return response;
	});
	// the network's answer still refreshes the kept copy when the kept copy was shown first
	event.waitUntil(network.catch(() => undefined));
	const timeout = new Promise<'timeout'>((resolve) =>
		setTimeout(() => resolve('timeout'), networkTimeoutMs)
	);
	try {
		const first = await Promise.race([network, timeout]);
		// a server in trouble (5xx) is no reason to hide the code kept on the phone
		if (first !== 'timeout' && first.status < 500) return first;
		const kept = await keptCopy(key);
		return kept ?? (first === 'timeout' ? await network : first);
	} catch {
		const kept = await keptCopy(key);
		if (kept) return kept;
		if (request.mode === 'navigate') {
			return (await caches.match(offlinePage, { cacheName: shellCache })) ?? Response.error();
		}
		return Response.error();
	}
}

/**
 * The times kept pages were forgotten, each with the one person whose pages it kept (null: a
 * sign-out, nobody's). An answer for a person asked for before a forget that did not keep that
 * person is not kept: a slip fetched for the person who then signed out, arriving afterwards, would
 * otherwise make that person current again and keep their slip on the phone. Only the forgets since
 * the answer was asked for count, whoever made them — a count alone could not tell this person's own
 * arrival (which keeps their pages) from a sign-out that came while the answer was being noted.
 */
const forgets: (string | null)[] = [];

/** Whether a forget that did not keep `person` came since `askedAt` (a length of `forgets`). */
function forgottenSince(askedAt: number, person: string | null): boolean {
	return forgets.slice(askedAt).some((kept) => kept !== person);
}

/** Keeps a personal page's answer for the person it was rendered for (a page, not a redirect). */
async function store(key: string, response: Response, askedAt: number): Promise<void> {
	const person = personOf(response.headers);
	if (forgottenSince(askedAt, person)) {
		await response.body?.cancel();
		return;
	}
	await notePerson(person);
	if (!person || !response.ok || response.redirected || response.type !== 'basic') return;
	// a page names its styles and modules in its HTML and (modulepreload) in its Link header
	const html = response.headers.get('content-type')?.startsWith('text/html')
		? `${response.headers.get('link') ?? ''}\n${await response.clone().text()}`
		: null;
	const cache = await caches.open(personalCacheName(person));
	await cache.put(new Request(new URL(key, worker.location.origin)), response);
	// forgotten while it was being noted or written: what was just put must not outlive that
	if (forgottenSince(askedAt, person)) {
		await caches.delete(personalCacheName(person));
		return;
	}
	if (html) await keepAssets(html, new URL(key, worker.location.origin));
}

/** The app's scripts and styles a kept page names (its stylesheets and its modules, preloaded). */
async function keepAssets(html: string, page: URL): Promise<void> {
	// SvelteKit names them relative to the page (../../_app/immutable/…) unless paths.relative is off
	const named = new Set(
		[...html.matchAll(/["'(<]([^"'()<>\s]*_app\/immutable\/[^"'()<>\s]+)/g)]
			.map((match) => new URL(match[1], page).pathname)
			.filter((path) => appAssets.has(path))
	);
	const cache = await caches.open(shellCache);
	for (const path of named) {
		if (await cache.match(path)) continue;
		try {
			// from the browser's own HTTP cache as a rule: the page has just loaded them
			const response = await fetch(path);
			if (response.ok) await cache.put(path, response);
		} catch {
			// offline: kept when the page is kept again
		}
	}
}

async function keptCopy(key: string): Promise<Response | undefined> {
	const person = await currentPerson();
	if (!person) return undefined;
	// match by name, not open(): opening makes the cache again if a sign-out deleted it meanwhile
	return caches.match(new URL(key, worker.location.origin).href, {
		cacheName: personalCacheName(person)
	});
}

/**
 * The person's kept pages to change, if any are kept: `open()` alone would make the cache again if a
 * sign-out deleted it meanwhile. `done` deletes them if a forget that did not keep this person came
 * since `askedAt` (the person read, the cache opened, and the sign-out between).
 */
async function keptPagesOf(person: string, askedAt: number) {
	const name = personalCacheName(person);
	if (!(await caches.has(name))) return undefined;
	const cache = await caches.open(name);
	const done = async () => {
		if (forgottenSince(askedAt, person)) await caches.delete(name);
	};
	return { cache, done };
}

/**
 * The person of the latest answer. When it changes (another person signed in, or nobody is), the
 * kept pages of everyone else are deleted.
 */
async function notePerson(person: string | null): Promise<void> {
	if (person === null) return;
	if (person === (await currentPerson())) return;
	await forgetPeople(person || null);
	const meta = await caches.open(metaCache);
	await meta.put(personRequest, new Response(person));
}

async function currentPerson(): Promise<string> {
	const meta = await caches.open(metaCache);
	const stored = await meta.match(personRequest);
	return stored ? await stored.text() : '';
}

/** Deletes every person's kept pages but `except`'s (null: everyone's). */
async function forgetPeople(except: string | null): Promise<void> {
	forgets.push(except);
	for (const name of await caches.keys()) {
		if (!name.startsWith(personalCachePrefix)) continue;
		if (except !== null && name === personalCacheName(except)) continue;
		await caches.delete(name);
	}
	if (except === null) {
		const meta = await caches.open(metaCache);
		await meta.put(personRequest, new Response(''));
	}
}

/**
 * Keeps the pages a bookings list names (its own path and its bookings' slips), page and data;
 * slips of bookings no longer listed are dropped (cancelled, or past).
 */
async function keep(paths: unknown): Promise<void> {
	const pages = keepablePaths(paths, worker.location.origin);
	if (pages.length === 0) return;
	for (const [index, page] of pages.entries()) {
		for (const key of [page, dataPath(page)]) {
			// the list itself (first) every time; a slip kept a little while ago is still good
			if (index > 0 && (await keptWithin(key, keepFreshMs))) continue;
			try {
				const askedAt = forgets.length;
				await store(key, await fetch(key, { credentials: 'same-origin' }), askedAt);
			} catch {
				// offline: what is kept stays as it is
			}
		}
	}
	const listed = new Set(pages.map(slipBookingId).filter((id) => id !== null));
	const askedAt = forgets.length;
	const person = await currentPerson();
	const kept = person ? await keptPagesOf(person, askedAt) : undefined;
	if (!kept) return;
	for (const request of await kept.cache.keys()) {
		const path = new URL(request.url).pathname;
		const id = slipBookingId(path);
		if (id !== null && !listed.has(id)) await kept.cache.delete(request);
	}
	await kept.done();
}

async function keptWithin(key: string, ms: number): Promise<boolean> {
	const kept = await keptCopy(key);
	const date = Date.parse(kept?.headers.get('date') ?? '');
	return Number.isFinite(date) && Date.now() - date < ms;
}

async function refreshKept(): Promise<void> {
	const askedAt = forgets.length;
	const person = await currentPerson();
	const kept = person ? await keptPagesOf(person, askedAt) : undefined;
	if (!kept) return;
	for (const request of await kept.cache.keys()) {
		try {
			const path = new URL(request.url).pathname;
			const pageAskedAt = forgets.length;
			await store(path, await fetch(path, { credentials: 'same-origin' }), pageAskedAt);
		} catch {
			// kept as it was
		}
	}
	await kept.done();
}
