import type { Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { setting } from './config';
import { answersJson, apiError, codes, type Code } from './refusal';

const formTypes = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i;

/** A size limit as people read it: 256 KB, 5 MB. */
export function sizeLabel(bytes: number): string {
	const mb = bytes / (1024 * 1024);
	return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Too large: a page's form (an administrator's import chosen before the page had loaded its script,
 * which uploads big files in pieces, posts the whole file at once) is told the limit and what to do;
 * an API caller, the limit's code.
 */
function tooLarge(pathname: string, limit: number): Response {
	if (answersJson(pathname)) return apiError('too_large', m.error_body_too_large());
	return refuse(pathname, 'too_large', m.error_form_too_large({ limit: sizeLabel(limit) }));
}

function refuse(pathname: string, code: Code, message: string): Response {
	if (answersJson(pathname)) return apiError(code, message);
	return new Response(refusalPage(pathname, message), {
		status: codes[code].status,
		headers: { 'content-type': 'text/html; charset=utf-8' }
	});
}

const htmlEscapes: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => htmlEscapes[c]);

/**
 * A form refused before any route ran has no page of the app to show it on: a small page of its
 * own, in the person's language, readable on a phone, with a way back to the form (a form posts to
 * its own page's path; leading slashes collapsed, so that `//host` cannot make it a link elsewhere).
 */
function refusalPage(pathname: string, message: string): string {
	const back = '/' + pathname.replace(/^\/+/, '');
	return [
		`<!doctype html><html lang="${escapeHtml(getLocale())}"><head><meta charset="utf-8">`,
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escapeHtml(message)}</title></head><body>`,
		`<p>${escapeHtml(message)}</p>`,
		`<p><a href="${escapeHtml(back)}">${escapeHtml(m.error_back_to_form())}</a></p>`,
		'</body></html>'
	].join('');
}

/**
 * Reads a body the answer does not need, at most `limit` bytes (its declared length was checked
 * against the limit already; a chunked body longer than that is left, and its connection closed,
 * rather than read without end). An answer sent while the body is still arriving leaves unread bytes
 * on a kept-alive connection: Node resets it, and the client sees a socket error instead of the
 * refusal (as upload-request.ts's answerAfterBody does for the uploads' early refusals).
 */
async function drain(request: Request, limit: number): Promise<void> {
	if (!request.body || request.bodyUsed) return;
	const reader = request.body.getReader();
	let size = 0;
	try {
		while (size <= limit) {
			const { done, value } = await reader.read();
			if (done) return;
			size += value.length;
		}
		await reader.cancel();
	} catch {
		// the client went away: nothing left to answer on
	}
}

/**
 * Bodies the app cannot take get a 4xx here, before any route runs:
 * - over BODY_SIZE_LIMIT (the limit adapter-node enforces only when a route reads the body, so a
 *   route that ignores its body would otherwise take it): 413, whatever the route;
 * - a form post whose body cannot be parsed (text/plain, which SvelteKit lets through to form
 *   actions but `formData()` cannot read; a broken multipart body): 415/400 instead of a 500 (the
 *   text/plain body read first, drain()).
 */
export const refuseUnreadableBodies: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	if (request.method === 'GET' || request.method === 'HEAD') return resolve(event);
	const limit = setting('BODY_SIZE_LIMIT');
	if (Number(request.headers.get('content-length')) > limit) return tooLarge(url.pathname, limit);
	const type = request.headers.get('content-type') ?? '';
	if (!url.pathname.startsWith('/api/') && formTypes.test(type) && request.body) {
		if (/^text\/plain/i.test(type)) {
			await drain(request, limit);
			return refuse(url.pathname, 'unsupported_media_type', m.error_form_unreadable());
		}
		try {
			await request.clone().formData();
		} catch (error) {
			return (error as { status?: number } | null)?.status === 413
				? tooLarge(url.pathname, limit)
				: refuse(url.pathname, 'unreadable_form', m.error_form_unreadable());
		}
	}
	return resolve(event);
};
