import type { RequestEvent } from '@sveltejs/kit';
import { requireStaff, requireThat } from '../auth/guards';
import { scopesOf } from '../auth/scopes';
import type { Db } from '../db';
import * as communities from '../directory/communities';

/** Who sees which part of the planning view: administrators the city, street staff their streets. */
export interface PlanningScope {
	admin: boolean;
	streetCodes: string[];
	communities: communities.CommunitySummary[];
	has(communityCode: string): boolean;
}

export async function scopeFor(
	db: Db,
	admin: boolean,
	streetCodes: string[]
): Promise<PlanningScope> {
	const all = await communities.list(db);
	const visible = admin ? all : all.filter((c) => streetCodes.includes(c.streetCode));
	const codes = new Set(visible.map((c) => c.code));
	return { admin, streetCodes, communities: visible, has: (code) => codes.has(code) };
}

/** A short key of what a scope sees, for answers cached per scope (the whole city: `*`). */
export function scopeKey(scope: PlanningScope): string {
	return scope.admin ? '*' : [...scope.streetCodes].sort().join(',');
}

/**
 * Administrators, or staff scoped to at least one whole street (street offices plan for their
 * street); community-level staff and residents get 403, anonymous visitors the login page.
 */
export async function requirePlanner(event: Pick<RequestEvent, 'locals' | 'url' | 'request'>) {
	const user = await requireStaff(event);
	if (user.role === 'admin') return { user, scope: await scopeFor(event.locals.db, true, []) };
	const streetCodes = (await scopesOf(event.locals.db, user.id)).flatMap((s) =>
		s.streetCode ? [s.streetCode] : []
	);
	requireThat(streetCodes.length > 0);
	return { user, scope: await scopeFor(event.locals.db, false, streetCodes) };
}
