import type { Handle } from '@sveltejs/kit';

/** Types worth compressing; images, archives and already-encoded bodies are left alone. */
const compressibleType = /^(text\/|application\/(json|geo\+json|javascript|xml)|image\/svg\+xml)/;

/**
 * Whether the client takes gzip: `gzip` or `*` in its Accept-Encoding with a weight above zero
 * (`gzip;q=0` is a refusal, RFC 9110 §12.5.3).
 */
export function acceptsGzip(request: Request): boolean {
	const header = request.headers.get('accept-encoding');
	if (!header) return false;
	let star = false;
	for (const part of header.split(',')) {
		const [coding, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
		const weight = parameters.find((p) => p.startsWith('q='));
		const allowed = weight === undefined || Number(weight.slice(2)) > 0;
		if (coding === 'gzip' || coding === 'x-gzip') return allowed;
		if (coding === '*') star = allowed;
	}
	return star;
}

/**
 * Whether a response should be gzipped for this request: adapter-node precompresses only the built
 * static files, so server-rendered pages (20–60 KB of HTML with their data) went over the wire as
 * they were — a second or more on a slow phone connection (Lighthouse's "text compression").
 */
export function shouldCompress(request: Request, response: Response): boolean {
	if (request.method === 'HEAD' || !response.body) return false;
	if (response.status === 204 || response.status === 304 || response.status < 200) return false;
	if (response.headers.has('content-encoding')) return false;
	if (!acceptsGzip(request)) return false;
	const length = Number(response.headers.get('content-length') ?? Infinity);
	if (length < 1024) return false;
	return compressibleType.test(response.headers.get('content-type') ?? '');
}

/**
 * Gzips what `shouldCompress` allows, as a stream (pages that stream their data keep streaming). The
 * work runs in zlib's thread pool, not on the request loop.
 */
export const compressResponses: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!shouldCompress(event.request, response)) return response;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	return new Response(response.body!.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
};
