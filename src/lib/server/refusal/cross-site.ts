import type { Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { answersJson, apiError } from '.';

/**
 * The types an HTML form can send (another site's page may post these to us without asking), and
 * SvelteKit's own binary form data: the same list SvelteKit's check had.
 */
const formTypes = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
]);

function isFormType(request: Request): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	return formTypes.has(type);
}
const writingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a form sent to us from a page of another site (its Origin header is not ours, or it has
 * none), as SvelteKit's own check did — which answered before any hook, in English only. Here the
 * refusal is in the visitor's language: the API's `cross_origin` answer on the JSON paths and for a
 * caller that asks for JSON, a plain sentence on a page. Runs inside `localise`, before any route;
 * svelte.config.js turns SvelteKit's check off (`csrf.trustedOrigins: ['*']`) so that this one
 * decides. What SvelteKit checked is checked the same: the form types, the writing methods, the
 * exact origin.
 */
export const refuseCrossSiteForms: Handle = ({ event, resolve }) => {
	const request = event.request;
	if (
		!writingMethods.has(request.method) ||
		!isFormType(request) ||
		request.headers.get('origin') === event.url.origin
	)
		return resolve(event);
	const message = m.accounts_error_cross_origin();
	if (answersJson(event.url.pathname) || request.headers.get('accept') === 'application/json')
		return apiError('cross_origin', message);
	return new Response(message, {
		status: 403,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
};
