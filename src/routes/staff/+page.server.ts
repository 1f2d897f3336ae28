import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guards';
import * as ratings from '$lib/server/ratings';
import { day, scope } from '$lib/server/staff';
import { checkInAction } from './checkin-action';
import { localDate } from '$lib/time';

/** The console: today at a glance for each of my service points, check-in by code, ratings to handle. */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const now = Date.now();
	const communities = await scope.communitiesOf(event.locals.db, user);
	const requested = event.url.searchParams.get('community');
	const current = communities.find((c) => c.code === requested) ?? communities[0] ?? null;
	const points = current ? await scope.pointsOf(event.locals.db, [current.code]) : [];
	const today = localDate(now);
	const slots = await day.slotsOfDay(
		event.locals.db,
		points.map((p) => p.id),
		today
	);
	const waiting = await ratings.staffCounts(event.locals.db, current ? [current.code] : [], now);
	return {
		today,
		communities,
		community: current,
		points: points
			.map((p) => {
				const own = slots.filter((s) => s.servicePointId === p.id);
				const open = own.filter((s) => !s.cancelled);
				return {
					...p,
					slots: own.length,
					booked: open.reduce((n, s) => n + s.bookedCount, 0),
					capacity: open.reduce((n, s) => n + s.capacity, 0),
					waiting: open.reduce((n, s) => n + s.waiting, 0),
					next: open.find((s) => s.endsAt > now) ?? null
				};
			})
			// points with slots today first: those are the day's work
			.sort((a, b) => Number(b.slots > 0) - Number(a.slots > 0)),
		unanswered: waiting.unanswered,
		lowUnanswered: waiting.lowUnanswered,
		overdue: waiting.overdue
	};
};

export const actions: Actions = { checkin: checkInAction };
