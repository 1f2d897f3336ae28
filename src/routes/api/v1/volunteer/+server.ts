import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as volunteers from '$lib/server/volunteers';
import { apiFailure } from '$lib/server/refusal';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';

/**
 * GET /api/v1/volunteer: `{volunteer: {id, status, stationId, stationName, items, freeTimes,
 * maxWalkingMinutes} | null, services: [{item, servedOn, minutes}], totalMinutes}` — the person's
 * registration and hours (all registrations', so hours survive leaving and coming back).
 */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const db = event.locals.db;
	const mine = await volunteers.volunteerOf(db, user.id);
	const { services, totalMinutes } = await volunteers.servicesOf(
		db,
		await volunteers.registrationsOf(db, user.id)
	);
	return json({
		volunteer: mine
			? {
					id: mine.id,
					status: mine.status,
					stationId: mine.stationId,
					stationName: mine.stationName,
					items: mine.items,
					freeTimes: mine.freeTimes,
					maxWalkingMinutes: mine.maxWalkingMinutes
				}
			: null,
		services: services.map(({ id, item, servedOn, minutes }) => ({ id, item, servedOn, minutes })),
		totalMinutes
	});
};

/**
 * POST /api/v1/volunteer {stationId, items, freeTimes: [{weekday, startMinute, endMinute}],
 * maxWalkingMinutes?}: registers (201, pending until the station's staff approve) or changes the
 * registration (200).
 */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const parsed = parse(volunteers.registerInput, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	const result = await volunteers.register(event.locals.db, { ...parsed.data, userId: user.id });
	if (result.status !== 'ok') return apiFailure(volunteers.volunteerRefusal(result));
	return json({ volunteer: result.volunteer }, { status: result.updated ? 200 : 201 });
};
