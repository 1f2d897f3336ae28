/**
 * What the service worker keeps on the phone, as pure rules (tested in node; used by
 * src/service-worker.ts and the pages that ask it to keep something).
 *
 * The code must open at the door without signal: 我的预约 and each booking's slip (standard and
 * 长辈版) are kept for the person who opened them, in a cache of their own, and dropped as soon as
 * the server answers for someone else or for nobody (logout, an ended session).
 */

/** The response header that says whose page it is (the signed-in person's id; empty: nobody). */
export const personHeader = 'x-lifecircle-person';

/** The most pages one "keep" message may ask for (a person holds at most a handful of bookings). */
export const keepLimit = 40;

const personalPages = [
	/^\/bookings$/,
	/^\/bookings\/\d{1,12}$/,
	/^\/bookings\/\d{1,12}\/slip$/,
	/^\/elder\/bookings$/,
	/^\/elder\/bookings\/\d{1,12}$/
];

const dataSuffix = '/__data.json';

/** A page path and its SvelteKit data path (what a client-side navigation fetches). */
export function dataPath(pagePath: string): string {
	return pagePath === '/' ? dataSuffix : pagePath + dataSuffix;
}

/**
 * The cache key of a request for a personal page or its data, or null when it is not one: the path
 * without its query (a banner such as ?new=1, SvelteKit's ?x-sveltekit-invalidated=…).
 */
export function personalKey(url: URL, origin: string): string | null {
	if (url.origin !== origin) return null;
	const path = url.pathname;
	const page = path.endsWith(dataSuffix) ? path.slice(0, -dataSuffix.length) : path;
	return personalPages.some((pattern) => pattern.test(page)) ? path : null;
}

/** The page paths of a "keep" message that are personal pages, at most keepLimit, no repeats. */
export function keepablePaths(paths: unknown, origin: string): string[] {
	if (!Array.isArray(paths)) return [];
	const kept = new Set<string>();
	for (const path of paths) {
		if (typeof path !== 'string' || !path.startsWith('/') || path.endsWith(dataSuffix)) continue;
		let url: URL;
		try {
			url = new URL(path, origin);
		} catch {
			continue;
		}
		const key = personalKey(url, origin);
		if (key) kept.add(key);
		if (kept.size >= keepLimit) break;
	}
	return [...kept];
}

/** The person a response was rendered for: their id, '' for nobody, null when it does not say. */
export function personOf(headers: Headers): string | null {
	const value = headers.get(personHeader);
	if (value === null) return null;
	return /^\d{1,12}$/.test(value) ? value : '';
}

/** The cache of one person's pages. */
export const personalCachePrefix = 'lifecircle-personal-';
export function personalCacheName(person: string): string {
	return personalCachePrefix + person;
}

/** A slip path's booking id (for dropping the slips of bookings no longer listed). */
export function slipBookingId(path: string): number | null {
	const match = /^\/(?:elder\/)?bookings\/(\d{1,12})(?:\/slip)?(?:\/__data\.json)?$/.exec(path);
	return match ? Number(match[1]) : null;
}
