import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireAdmin } from '../auth/guards';
import type { SessionUser } from '../auth/session';
import { apiError } from '../refusal';

/**
 * The HTTP side of the piece-by-piece upload (/admin/data/uploads): who may write, and bodies
 * read to their end before any answer.
 */

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request'>;

/**
 * The administrator writing to an upload (start, piece, finish), or the refusal: a request from a
 * page of another site (its Origin header, `null` included) is 403 `cross_origin`, whatever its
 * content type. SvelteKit's own check covers form encodings only, and a finish has no body at all,
 * so without this another site's page could finish an upload with the administrator's cookie. A
 * caller without an Origin (a script, not a browser) passes, as does the site's own page. Not an
 * administrator: the guard's 401/403 (thrown).
 */
export function uploadWriter(event: Event): SessionUser | Response {
	const origin = event.request.headers.get('origin');
	if (origin !== null && origin !== event.url.origin)
		return apiError('cross_origin', m.accounts_error_cross_origin());
	return requireAdmin(event);
}

/** Reads what is left of a request's body and drops it (a body over BODY_SIZE_LIMIT errors). */
async function drain(request: Request): Promise<void> {
	if (!request.body || request.bodyUsed) return;
	const reader = request.body.getReader();
	try {
		while (!(await reader.read()).done);
	} catch {
		// the client went away, or the body was over the limit: nothing left to answer on
	}
}

/**
 * Runs `handle`, then reads the rest of the request's body before its answer (or its thrown
 * refusal) goes out. A refusal sent while the body is still arriving (a 403 before reading a
 * 192 KB piece) leaves unread bytes on a kept-alive connection: Node resets it, and the client
 * sees a socket error instead of the refusal, or its next request on that connection fails.
 * Bounded by BODY_SIZE_LIMIT, as any route that reads its body.
 */
export async function answerAfterBody(
	request: Request,
	handle: () => Response | Promise<Response>
): Promise<Response> {
	try {
		const response = await handle();
		await drain(request);
		return response;
	} catch (error) {
		await drain(request);
		throw error;
	}
}

/**
 * A piece's bytes, read to the end of the body, or null when it is larger than `maxBytes` (the
 * rest is read and dropped, never kept) or the body could not be read.
 */
export async function readPiece(request: Request, maxBytes: number): Promise<Uint8Array | null> {
	if (!request.body) return new Uint8Array(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.length;
			if (size <= maxBytes) chunks.push(value);
		}
	} catch {
		return null;
	}
	return size > maxBytes ? null : Buffer.concat(chunks);
}
