import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as servicePoints from '$lib/server/directory/service-points';
import { availability, queries } from '$lib/server/booking';
import * as ratings from '$lib/server/ratings';
import { parseId } from '$lib/server/params';
import { remembered } from '$lib/server/directory/remembered';
import { dataVersion } from '$lib/server/coverage';
import { m } from '$lib/paraglide/messages';
import { addDays, isValidLocalDate, localDate } from '$lib/time';

/** Days of slots shown at a time; "later dates" pages on by a week. */
const daysShown = 7;

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const id = parseId(params.id);
	// the point's details change only with the public data: read once per data version
	const servicePoint = id
		? await remembered(locals.db, `service-point|${await dataVersion(locals.db)}|${id}`, () =>
				shownPoint(locals.db, id)
			)
		: null;
	if (!servicePoint) error(404, m.error_not_found());
	const now = Date.now();
	const today = localDate(now);
	const requested = url.searchParams.get('from') ?? '';
	const from = isValidLocalDate(requested) && requested > today ? requested : today;
	const to = addDays(from, daysShown - 1);
	const lastDay = addDays(today, servicePoint.bookingHorizonDays);
	const slots = servicePoint.category.bookable
		? ((await availability.slotsBetween(locals.db, servicePoint.id, { from, to, now })) ?? [])
		: [];
	// who the times are for: a carer picks (or arrives with ?for= from the elder's bookings)
	const people = locals.user ? await queries.peopleOf(locals.db, locals.user.id) : [];
	const forId = parseId(url.searchParams.get('for'));
	const chosen = people.length > 1 ? (people.find((p) => p.id === forId) ?? null) : null;
	const holder = chosen ?? people[0] ?? null;
	const held = holder
		? await queries.heldSlots(
				locals.db,
				holder.id,
				slots.map((s) => s.id)
			)
		: new Map<number, number>();
	return {
		servicePoint,
		days: availability.slotsByDay(slots),
		people: people.length > 1 ? people : [],
		forUserId: chosen?.id ?? null,
		held: Object.fromEntries(held) as Record<number, number>,
		heldFor: holder && holder.id !== locals.user?.id ? holder.name : null,
		earlier:
			from > today ? (addDays(from, -daysShown) < today ? today : addDays(from, -daysShown)) : null,
		later: to < lastDay ? addDays(to, 1) : null,
		signedIn: locals.user !== null,
		replaces: parseId(url.searchParams.get('replaces')),
		ratingSummary: await ratings.pointSummary(locals.db, servicePoint.id)
	};
};

/** What the page shows of a point (not its staff settings or timestamps): less to send and hydrate. */
async function shownPoint(db: App.Locals['db'], id: number) {
	const point = await servicePoints.get(db, id);
	if (!point) return null;
	const { code, nameZh, nameEn, colour, icon, bookable } = point.category;
	return {
		id: point.id,
		name: point.name,
		categoryCode: point.categoryCode,
		communityCode: point.communityCode,
		communityName: point.communityName,
		point: point.point,
		address: point.address,
		phone: point.phone,
		openingText: point.openingText,
		accessibleEntrance: point.accessibleEntrance,
		active: point.active,
		bookingHorizonDays: point.bookingHorizonDays,
		category: { code, nameZh, nameEn, colour, icon, bookable }
	};
}
