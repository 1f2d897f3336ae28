import { gzipSync } from 'node:zlib';
import { acceptsGzip } from './compression';

/**
 * JSON, gzipped when the client accepts it: adapter-node compresses only prebuilt static files,
 * and the base map and GeoJSON layers are large but highly compressible.
 */
export function compressibleJson(
	request: Request,
	body: unknown,
	headers: Record<string, string> = {}
): Response {
	const text = JSON.stringify(body);
	const accepts = acceptsGzip(request);
	const common = {
		'content-type': 'application/json; charset=utf-8',
		vary: 'Accept-Encoding',
		...headers
	};
	if (!accepts || text.length < 2048) return new Response(text, { headers: common });
	return new Response(gzipSync(text), { headers: { ...common, 'content-encoding': 'gzip' } });
}
