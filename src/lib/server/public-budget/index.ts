/**
 * The per-client budget of server time for the costly public answers (issue 14, finding 3): one
 * client asking for life circles, bands or the residence layer as fast as it can used to take the
 * whole process (/healthz went from 1 ms to seconds for everyone). Each such answer now spends its
 * measured wall time from the client's bucket (PUBLIC_BUDGET_MS_PER_SECOND, PUBLIC_BUDGET_BURST_MS);
 * an empty bucket is a 429 with Retry-After, and so is one more answer while PUBLIC_BUDGET_MAX_RUNNING
 * (4) are running (a browser's map view needs three at most: the page, the bands, a route). Wall time, not CPU time:
 * under contention an answer is charged for its wait too, so a flooding client runs dry sooner.
 *
 * The buckets live in this process's memory, unlike the login limits (in the database, shared by
 * every process): what is rationed is this process's own CPU, which another process cannot spend,
 * and one more write per public GET would cost more than most of the answers it protects. With
 * WORKERS, each process keeps its own buckets, so a client may spend the budget once per process.
 */
import { error, type Handle, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { costlyAtOnce, publicBudget } from '../config';
import { apiFailure, refuse } from '../refusal';
import { Buckets, clientKey } from './buckets';
import { Turns } from './turns';

/** route ids whose answers cost several to tens of milliseconds each (measured, issue 14) */
const costlyRoutes = new Set([
	'/map',
	'/api/isochrone',
	'/api/walking-route',
	'/api/residences.geojson',
	'/api/coverage/summary'
]);

const buckets = new Buckets(publicBudget);
const turns = new Turns(costlyAtOnce);

/** a moving average of each route's measured cost, reserved when one of its answers starts */
const usualMs = new Map<string, number>();
const firstEstimateMs = 20;

function clientOf(event: RequestEvent): string {
	try {
		return clientKey(event.getClientAddress());
	} catch {
		// ADDRESS_HEADER is set but the request did not come through the proxy: one shared bucket
		return 'unknown';
	}
}

/**
 * Staff and administrators are exempt: their accounts are few and created by an administrator,
 * and the planning pages they work on call these answers often. Residents' accounts are open to
 * anyone, so signing in does not lift the limit.
 */
function exempt(event: RequestEvent): boolean {
	const role = event.locals.user?.role;
	return role === 'staff' || role === 'admin';
}

/**
 * The hook: API answers over budget are refused here; a page over budget is marked for its load
 * (`refuseOverBudget`), so that the refusal is the portal's error page in the visitor's language.
 * Runs after the session and locale hooks.
 */
export const spendPublicBudget: Handle = async ({ event, resolve }) => {
	const route = event.route.id;
	if (!route || !costlyRoutes.has(route) || exempt(event)) return resolve(event);
	const client = clientOf(event);
	const state = buckets.check(client, Date.now());
	if (!state.allowed) {
		const retryAfter = String(state.retryAfterS);
		if (route.startsWith('/api/')) {
			const refusal = refuse('rate_limited', m.error_public_budget({ seconds: retryAfter }), {
				retryAfterS: state.retryAfterS
			});
			return apiFailure(refusal);
		}
		event.setHeaders({ 'retry-after': retryAfter });
		event.locals.overBudgetRetryAfterS = state.retryAfterS;
	}
	// Reserve the route's usual cost before answering, so that many answers started at once on one
	// positive balance cannot all run; settle with the measured time afterwards. (A refused page
	// costs only its error page: it reserves nothing and does not count towards the usual cost.)
	const usual = usualMs.get(route) ?? firstEstimateMs;
	const reservedMs = state.allowed ? usual : 0;
	buckets.spend(client, reservedMs, Date.now());
	buckets.started(client);
	// a refused page renders only its error page: no turn. The wait for a turn is not charged (a
	// busy server is not the client's doing); the client's answers waiting count as running.
	// (a page's own fetch of a costly answer runs inside its page's turn: waiting for a second turn
	// there could wait for ever)
	const endTurn = state.allowed && !event.isSubRequest ? await turns.take() : undefined;
	const started = performance.now();
	try {
		return await resolve(event);
	} finally {
		endTurn?.();
		buckets.finished(client);
		const ms = performance.now() - started;
		buckets.spend(client, ms - reservedMs, Date.now());
		if (state.allowed) usualMs.set(route, usual * 0.9 + ms * 0.1);
	}
};

/** First thing in the load of a costly page: the 429 page when the visitor is over budget. */
export function refuseOverBudget(locals: App.Locals): void {
	const seconds = locals.overBudgetRetryAfterS;
	if (seconds !== undefined) {
		error(429, {
			code: 'rate_limited',
			message: m.error_public_budget({ seconds: String(seconds) })
		});
	}
}
