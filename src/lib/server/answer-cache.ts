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
import { gunzipSync, gzipSync } from 'node:zlib';

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

function entryOf(etag: string, text: string): Entry {
	if (text.length <= gzipOnlyBytes) return { etag, text, size: text.length };
	const gzip = gzipSync(text);
	return { etag, gzip, size: gzip.length };
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
		const body = await build();
		if (body instanceof Response) return body;
		entry = entryOf(etag, body);
		if (options.keep ?? true) remember(cacheKey, entry);
	}
	headers['content-type'] = `${options.contentType ?? 'application/json'}; charset=utf-8`;
	const accepts = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
	if (!accepts || (entry.text !== undefined && entry.text.length < 2048))
		return new Response(entry.text ?? new Uint8Array(gunzipSync(entry.gzip!)), { headers });
	if (!entry.gzip) {
		entry.gzip = gzipSync(entry.text!);
		if (entries.get(cacheKey) === entry) {
			entry.size += entry.gzip.length;
			bytes += entry.gzip.length;
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
			return body instanceof Response ? body : JSON.stringify(body);
		},
		typeof options === 'string' ? { contentType: options } : options
	);
}
