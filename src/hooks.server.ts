import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
	cookieName,
	cookieMaxAge,
	extractLocaleFromRequestAsync,
	isLocale,
	overwriteServerAsyncLocalStorage
} from '$lib/paraglide/runtime';
import { startUp } from '$lib/server/startup';
import { getDb } from '$lib/server/db';
import { busyAnswers, busyError } from '$lib/server/refusal/busy';
import { refuseCrossSiteForms } from '$lib/server/refusal/cross-site';
import { log } from '$lib/server/log';
import { chain } from '$lib/server/handle-chain';
import { recordRequest } from '$lib/server/metrics';
import { refuseUnreadableBodies } from '$lib/server/request-body';
import { m } from '$lib/paraglide/messages';
import { apiErrorShape, authenticateRequest, checkApiCaller } from '$lib/server/auth/handle';
import { modeOf } from '$lib/server/elder/mode';
import { compressResponses } from '$lib/server/compression';
import { spendPublicBudget } from '$lib/server/public-budget';
import { cacheAnonymousPages } from '$lib/server/page-cache';
import { waitForCoverage } from '$lib/server/coverage';
import type { Locale } from '$lib/paraglide/runtime';
import { personHeader } from '$lib/offline/policy';
import './lib/i18n-strategy';

export const init: ServerInit = startUp;

/** ?lang=en switches the language and remembers it (the custom-query strategy reads the same). */
const rememberLanguage: Handle = ({ event, resolve }) => {
	const lang = event.url.searchParams.get('lang');
	if (lang && isLocale(lang)) {
		event.cookies.set(cookieName, lang, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax'
		});
	}
	return resolve(event);
};

/**
 * The request's locale for Paraglide's messages, kept in async local storage for the request.
 * This is what paraglideMiddleware does for our strategies (query, cookie, base locale; no locale in
 * the URL, so no redirects and no URL rewriting), without the copy of the request (and a tee of its
 * body) that the middleware makes on every request.
 */
type LocaleStore = { locale?: Locale; origin?: string; messageCalls?: Set<string> };
const localeStorage = new AsyncLocalStorage<LocaleStore>();
overwriteServerAsyncLocalStorage(localeStorage);

const localise: Handle = async ({ event, resolve }) => {
	const locale = await extractLocaleFromRequestAsync(event.request);
	event.locals.elderMode = modeOf(event.url.pathname, event.locals.user, event.cookies);
	const store = { locale, origin: event.url.origin, messageCalls: new Set<string>() };
	return localeStorage.run(store, () =>
		resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%lang%', locale)
					.replace('%mode%', event.locals.elderMode ? 'elder' : 'standard')
					.replace('%description%', m.meta_description())
		})
	);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()');
	// whose page this is: the service worker keeps personal pages per person and drops them when an
	// answer names someone else or nobody (src/service-worker.ts)
	response.headers.set(personHeader, event.locals.user ? String(event.locals.user.id) : '');
	const ms = performance.now() - started;
	// the route id, never the path: no id, code or phone number from a URL reaches the log
	const route = event.route.id ?? 'unmatched';
	recordRequest(event.request.method, route, response.status, ms);
	if (event.url.pathname !== '/healthz') {
		log.info('request', {
			method: event.request.method,
			route,
			status: response.status,
			ms: Math.round(ms)
		});
	}
	return response;
};

/** The connection every load, action and endpoint passes on to the verbs it calls. */
const connect: Handle = ({ event, resolve }) => {
	event.locals.db = getDb();
	return resolve(event);
};

export const handle = chain(
	connect,
	compressResponses,
	securityHeaders,
	// a request to an engine route right after a start waits for the first engine (timed and logged)
	waitForCoverage,
	rememberLanguage,
	authenticateRequest,
	localise,
	// a form from another site's page: refused before any route, in the visitor's language
	refuseCrossSiteForms,
	// inside localise, so that the messages it puts into SvelteKit's own refusals and its own refusals
	// are in the request's language
	apiErrorShape,
	busyAnswers,
	// a bearer token that is not valid: 401; a cookie write from another site's page: 403
	checkApiCaller,
	refuseUnreadableBodies,
	// a kept page is for a visitor who passed every check above, in the language and mode localise
	// chose (the compression outside leaves its gzipped copy as it is); it costs microseconds, so
	// it spends nothing of the budget below and waits for no turn: only a page rendered does
	cacheAnonymousPages,
	// after the session (staff are exempt) and inside localise (429 in the caller's language)
	spendPublicBudget
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	// the database too busy to take a write in time: a 503 with Retry-After, nothing written
	const busy = busyError(error, event);
	if (busy) return busy;
	// 4xx raised by SvelteKit itself (415 for a JSON body to a form action, 413 …) are the client's
	if (status >= 500) {
		log.error('unhandled error', {
			route: event.route.id ?? 'unmatched',
			status,
			error: error instanceof Error ? error.message : String(error)
		});
	}
	return { message: status === 404 ? m.error_not_found() : m.error_unexpected() };
};
