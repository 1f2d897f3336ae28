import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as volunteers from '$lib/server/volunteers';
import { parseWholeNumber } from '$lib/server/numbers';
import { pageFailure, refuse } from '$lib/server/refusal';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/**
 * 志愿服务, the volunteer's page: registering (or changing it), the requests offered to them (no name
 * or address before accepting), the ones they accepted, and their services and hours.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = event.locals.db;
	const now = Date.now();
	const mine = await volunteers.volunteerOf(db, user.id);
	const stations = (await volunteers.openStations(db)).map((s) => ({
		id: s.id,
		name: s.name,
		communityCode: s.communityCode,
		communityName: s.communityName,
		place: s.place
	}));
	const board = mine ? await volunteers.boardOf(db, mine.id, now) : { offers: [], accepted: [] };
	const hours = await volunteers.servicesOf(db, await volunteers.registrationsOf(db, user.id));
	return {
		mine: mine
			? {
					status: mine.status,
					stationId: mine.stationId,
					stationName: mine.stationName,
					items: mine.items,
					ticks: volunteers.ticksOf(mine.freeTimes),
					maxWalkingMinutes: mine.maxWalkingMinutes
				}
			: null,
		myCommunity: user.communityCode,
		stations,
		items: [...volunteers.volunteerItems],
		offers: board.offers,
		accepted: board.accepted.map(({ elder, ...a }) => ({
			...a,
			elder: elder && {
				name: elder.name,
				maskedPhone: elder.maskedPhone,
				call: `tel:${elder.phone}`
			}
		})),
		services: hours.services,
		totalMinutes: hours.totalMinutes
	};
};

export const actions: Actions = {
	register: async (event) => {
		const user = requireUser(event);
		const input = formInput(await event.request.formData(), ['items', 'free']);
		const parsed = parse(volunteers.registerInput, { ...input, freeTimes: input.free ?? [] });
		if (!parsed.ok)
			return pageFailure(refuse('invalid_input', parsed.message), {
				form: 'register',
				errors: parsed.errors,
				values: echo(input)
			});
		const result = await volunteers.register(event.locals.db, { ...parsed.data, userId: user.id });
		if (result.status !== 'ok')
			return pageFailure(volunteers.volunteerRefusal(result), {
				form: 'register',
				values: echo(input)
			});
		return { form: 'register', registered: result.volunteer.status };
	},
	accept: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const id = parseWholeNumber(String(form.get('id') ?? ''));
		if (id === null)
			return pageFailure(refuse('invalid_input', m.error_bad_id()), { form: 'accept' });
		const result = await volunteers.accept(event.locals.db, { requestId: id, userId: user.id });
		if (result.status !== 'ok')
			return pageFailure(volunteers.volunteerRefusal(result), { form: 'accept', id });
		return { form: 'accept', accepted: id };
	},
	status: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const action = String(form.get('action') ?? '');
		if (action !== 'pause' && action !== 'resume' && action !== 'leave')
			return pageFailure(refuse('invalid_input', m.volunteer_error_not_allowed()), {
				form: 'status'
			});
		const mine = await volunteers.volunteerOf(event.locals.db, user.id);
		if (!mine) return pageFailure(volunteers.volunteerRefusal({ status: 'not_found' }));
		const result = await volunteers.setStatus(event.locals.db, {
			volunteerId: mine.id,
			action,
			by: 'self',
			actorUserId: user.id
		});
		if (result.status !== 'ok')
			return pageFailure(volunteers.volunteerRefusal(result), { form: 'status' });
		return { form: 'status', changed: result.volunteerStatus };
	}
};
