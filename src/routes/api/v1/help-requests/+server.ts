import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as volunteers from '$lib/server/volunteers';
import { apiFailure } from '$lib/server/refusal';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';
import { acceptedJson, askedJson, offerJson } from './present';

/**
 * GET /api/v1/help-requests: `{asked: [...]}` the requests the person made or that are for them or
 * an elder they care for; for a volunteer also `offered` (not yet accepted by anyone: no name, no
 * address) and `accepted` (name, masked phone, call link; the flat only on the day).
 */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const db = event.locals.db;
	const now = Date.now();
	const asked = (await volunteers.requestsFor(db, user.id, now)).map(askedJson);
	const mine = await volunteers.volunteerOf(db, user.id);
	if (!mine) return json({ asked });
	const board = await volunteers.boardOf(db, mine.id, now);
	return json({
		asked,
		offered: board.offers.map(offerJson),
		accepted: board.accepted.map(acceptedJson)
	});
};

/**
 * POST /api/v1/help-requests {item, startsAt, minutes?, note?, building?, flat?, forUserId?, phone?}:
 * for the person, a linked elder (forUserId), or, for staff, an elder of their community (forUserId or
 * phone). 201 {helpRequest: {id, status: offered|escalated, offered}}.
 */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const db = event.locals.db;
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const parsed = parse(volunteers.helpRequestInput, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	let elderUserId = parsed.data.forUserId ?? user.id;
	const phone = (body.body as { phone?: unknown } | null)?.phone;
	if (phone !== undefined && user.role !== 'resident') {
		const staffInput = parse(volunteers.staffHelpInput, { phone });
		if (!staffInput.ok) return invalidInput(staffInput);
		const found = await volunteers.elderByPhoneInScope(db, user, staffInput.data.phone);
		if (!found) return apiFailure(volunteers.volunteerRefusal({ status: 'not_found' }));
		elderUserId = found;
	}
	const result = await volunteers.ask(db, {
		...parsed.data,
		actor: { id: user.id, role: user.role },
		elderUserId
	});
	if (result.status !== 'ok') return apiFailure(volunteers.volunteerRefusal(result));
	return json({ helpRequest: result.request }, { status: 201 });
};
