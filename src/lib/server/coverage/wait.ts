import type { Handle } from '@sveltejs/kit';
import { log } from '../log';
import { coverageReady } from './engine';

/**
 * Routes whose answers come from the coverage engine (kept true by wait.spec.ts, which reads the
 * routes' imports). Everything else — sign-in, bookings, service point pages, /healthz — answers
 * at once after a start, while the first engine is still being built.
 */
const engineRoutes = [
	'/admin',
	'/api/coverage',
	'/api/homes',
	'/api/isochrone',
	'/api/walking-route',
	'/api/residences/[id]/coverage',
	'/bookings/[id]',
	'/communities/[code]',
	'/elder',
	'/map'
];

export function needsEngine(routeId: string | null): boolean {
	return (
		routeId !== null &&
		engineRoutes.some((prefix) => routeId === prefix || routeId.startsWith(`${prefix}/`))
	);
}

/**
 * A request to an engine route that arrives before the first engine of this process exists waits
 * for it (seconds on a city of a million people, once per start) instead of building it on the
 * event loop in front of everyone. Afterwards this costs nothing: the engine is always there, and
 * rebuilds happen behind it.
 */
export const waitForCoverage: Handle = async ({ event, resolve }) => {
	if (needsEngine(event.route.id)) {
		await coverageReady(event.locals.db).catch((error: unknown) =>
			// the route then builds in-thread (and answers, or fails with the same error)
			log.error('coverage engine unavailable', {
				route: event.route.id,
				error: error instanceof Error ? error.message : String(error)
			})
		);
	}
	return resolve(event);
};
