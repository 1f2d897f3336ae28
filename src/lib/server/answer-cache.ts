/**
 * Public JSON answers that change only with the data (residences, service points, coverage,
 * bands, walking routes), cached by the data's fingerprint and the query: a repeat costs a
 * fingerprint query and a copy, a browser's repeat with If-None-Match a 304 without a body. A
 * change to the data changes the fingerprint, hence the ETag, and old entries are never served.
 *
 * Cache-Control is `public, no-cache`: browsers and proxies may keep the answer but ask each time
 * (a cheap 304), so an administrator's edit shows on the next map view, not minutes later.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib';
import { jsonInSlices } from './json-slices';
import { acceptsGzip } from './compression';

// zlib's thread pool, not the request loop: a big city's residence layer is 156 MB of text
const gzip = promisify(gzipCallback);
const gunzip = promisify(gunzipCallback);

type MaybePromise<T> = T | Promise<T>;

interface Entry {
	etag: string;
	/** the text; a large answer keeps only its gzip */
	text?: string;
	gzip?: Buffer;
	/** bytes held for it */
	size: number;
}

/** at most this many answers (bands and routes vary by point: the recent ones are kept) */
const maxEntries = 300;
/** and at most this many bytes (the residence layer of a large city is a few MB) */
const maxBytes = 48 * 1024 * 1024;
/**
 * an answer larger than this is kept gzipped only (a 10M-resident city's residences are 156 MB of
 * GeoJSON, 14 MB gzipped): nearly every client takes gzip, the others get it unzipped on the way
 */
const gzipOnlyBytes = 4 * 1024 * 1024;

const entries = new Map<string, Entry>();
let bytes = 0;

function remember(key: string, entry: Entry): void {
	// two requests may have built the same answer meanwhile: the later one replaces the earlier
	const earlier = entries.get(key);
	if (earlier) {
		entries.delete(key);
		bytes -= earlier.size;
	}
	entries.set(key, entry);
	bytes += entry.size;
	for (const [oldKey, old] of entries) {
		if (entries.size <= maxEntries && bytes <= maxBytes) break;
		entries.delete(oldKey);
		bytes -= old.size;
	}
}

async function entryOf(etag: string, text: string): Promise<Entry> {
	if (text.length <= gzipOnlyBytes) return { etag, text, size: text.length };
	const zipped = await gzip(text);
	return { etag, gzip: zipped, size: zipped.length };
}

/**
 * Answers being built, by cache key: a request for the same answer meanwhile waits for that build
 * instead of starting its own (a big city's export is seconds of work; ten administrators opening
 * the planning view after an import would otherwise build it ten times at once).
 */
const building = new Map<string, Promise<Entry | Response>>();

async function built(
	version: string,
	cacheKey: string,
	etag: string,
	build: () => MaybePromise<string | Response>,
	options: CacheOptions
): Promise<Entry | Response> {
	let before = options.versionNow ? await options.versionNow() : version;
	for (let attempt = 1; ; attempt++) {
		const body = await build();
		if (body instanceof Response) return body;
		const after = options.versionNow ? await options.versionNow() : version;
		if (after === before || attempt === 3) {
			const entry = await entryOf(etag, body);
			// kept only as what it is: the data of the version in its key
			if (after === version && (options.keep ?? true)) remember(cacheKey, entry);
			return entry;
		}
		before = after;
	}
}

export function etagOf(version: string, key: string): string {
	return `W/"${createHash('sha1').update(version).update('\n').update(key).digest('base64url').slice(0, 22)}"`;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim() === etag);
}

export interface CacheOptions {
	/** default application/json */
	contentType?: string;
	/**
	 * false for answers cheaper to build than to keep (a map tile of homes): the ETag and its 304
	 * without the cache entry, so thousands of tiles never push out the answers worth keeping
	 */
	keep?: boolean;
	/** an answer for a signed-in user (an export of the planning view): `private`, never shared */
	private?: boolean;
	/** a download's file name (Content-Disposition: attachment) */
	filename?: string;
	/**
	 * The data version now, for a build that reads in several steps with the event loop free between
	 * them (a big city's residences, page by page): when the version moved during the build (an
	 * import committed), the answer may mix both and is built again (twice at most); an answer of
	 * another version than its key's is answered but not kept.
	 */
	versionNow?: () => Promise<string>;
}

/**
 * The text for `key` (the route, the caller's scope and its normalised query) at data `version`:
 * 304 when the client holds it, else the cached or freshly built text, gzipped once when the
 * client accepts it. A build may answer with a Response instead (a refusal such as "no route"),
 * which is not cached.
 */
export async function cachedText(
	request: Request,
	version: string,
	key: string,
	build: () => MaybePromise<string | Response>,
	options: CacheOptions = {}
): Promise<Response> {
	const etag = etagOf(version, key);
	const headers: Record<string, string> = {
		etag,
		'cache-control': options.private ? 'private, no-cache' : 'public, no-cache',
		vary: 'Accept-Encoding'
	};
	if (options.filename)
		headers['content-disposition'] = `attachment; filename="${options.filename}"`;
	if (matches(request.headers.get('if-none-match'), etag)) {
		return new Response(null, { status: 304, headers });
	}
	const cacheKey = `${version}\n${key}`;
	let entry = entries.get(cacheKey);
	if (entry) {
		// most recently used last, so the oldest go first
		entries.delete(cacheKey);
		entries.set(cacheKey, entry);
	} else {
		const shared = building.get(cacheKey);
		let answer: Entry | Response;
		if (shared) {
			answer = await shared;
			// a refusal (a Response, read once) is not shared: this request builds its own
			if (answer instanceof Response) answer = await built(version, cacheKey, etag, build, options);
		} else {
			const own = built(version, cacheKey, etag, build, options);
			building.set(cacheKey, own);
			try {
				answer = await own;
			} finally {
				building.delete(cacheKey);
			}
		}
		if (answer instanceof Response) return answer;
		entry = answer;
	}
	headers['content-type'] = `${options.contentType ?? 'application/json'}; charset=utf-8`;
	const accepts = acceptsGzip(request);
	if (!accepts || (entry.text !== undefined && entry.text.length < 2048))
		return new Response(entry.text ?? new Uint8Array(await gunzip(entry.gzip!)), { headers });
	if (!entry.gzip) {
		const zipped = await gzip(entry.text!);
		// another request may have zipped it meanwhile
		if (!entry.gzip) {
			entry.gzip = zipped;
			if (entries.get(cacheKey) === entry) {
				entry.size += zipped.length;
				bytes += zipped.length;
			}
		}
	}
	return new Response(new Uint8Array(entry.gzip), {
		headers: { ...headers, 'content-encoding': 'gzip' }
	});
}

/** `cachedText` of a JSON answer (`build` returns the value to serialise). */
export function cachedJson(
	request: Request,
	version: string,
	key: string,
	build: () => unknown,
	options: CacheOptions | string = {}
): Promise<Response> {
	return cachedText(
		request,
		version,
		key,
		async () => {
			const body = await build();
			return body instanceof Response ? body : jsonInSlices(body);
		},
		typeof options === 'string' ? { contentType: options } : options
	);
}
