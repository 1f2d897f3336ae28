import type { Actions, PageServerLoad } from './$types';
import { requireStaff, requireStaffFor } from '$lib/server/auth/guards';
import { communitiesServed } from '$lib/server/auth/scopes';
import * as communities from '$lib/server/directory/communities';
import * as servicePoints from '$lib/server/directory/service-points';
import * as volunteers from '$lib/server/volunteers';
import { parseWholeNumber } from '$lib/server/numbers';
import { pageFailure, refuse } from '$lib/server/refusal';
import { echo, formInput, parse } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

/**
 * 志愿服务 for the staff of one community (?community=CODE, the first served by default): help
 * requests (escalated first), asking on an elder's behalf, volunteers to approve, the stations.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const db = event.locals.db;
	const all = await communities.list(db);
	const served =
		user.role === 'admin' ? all.map((c) => c.code) : await communitiesServed(db, user.id);
	const choices = all
		.filter((c) => served.includes(c.code))
		.map(({ code, name }) => ({ code, name }));
	const asked = event.url.searchParams.get('community');
	const selected = asked && communities.isCommunityCode(asked) ? asked : (choices[0]?.code ?? null);
	if (selected) await requireStaffFor(event, selected);
	// requests nobody accepted in time are escalated on the minute by the server; here too, at once
	await volunteers.escalateDue(db);
	const codes = selected ? [selected] : [];
	return {
		choices,
		selected,
		items: [...volunteers.volunteerItems],
		points: selected
			? (await servicePoints.list(db, { community: selected })).map(({ id, name }) => ({
					id,
					name
				}))
			: [],
		stations: selected ? await volunteers.stationsOf(db, selected, true) : [],
		volunteers: await volunteers.volunteersOfCommunities(db, codes),
		requests: await volunteers.requestsOfCommunities(db, codes)
	};
};

const idOf = (input: Record<string, string | string[]>, name = 'id') =>
	parseWholeNumber(typeof input[name] === 'string' ? (input[name] as string) : null);

export const actions: Actions = {
	station: async (event) => {
		requireStaff(event);
		const input = formInput(await event.request.formData(), ['items']);
		const code = typeof input.community === 'string' ? input.community : '';
		if (!communities.isCommunityCode(code))
			return pageFailure(refuse('invalid_input', m.error_unknown_community({ value: '' })));
		const user = await requireStaffFor(event, code);
		const parsed = parse(volunteers.stationInput, input);
		if (!parsed.ok)
			return pageFailure(refuse('invalid_input', parsed.message), {
				form: 'station',
				errors: parsed.errors,
				values: echo(input)
			});
		const result = await volunteers.createStation(event.locals.db, {
			...parsed.data,
			communityCode: code,
			staffUserId: user.id
		});
		if (result.status !== 'ok')
			return pageFailure(volunteers.volunteerRefusal(result), {
				form: 'station',
				values: echo(input)
			});
		return { form: 'station', done: m.volunteer_station_added() };
	},
	stationActive: async (event) => {
		requireStaff(event);
		const input = formInput(await event.request.formData());
		const id = idOf(input);
		if (id === null) return pageFailure(refuse('invalid_input', m.error_bad_id()));
		const station = await volunteers.getStation(event.locals.db, id);
		if (!station) return pageFailure(volunteers.volunteerRefusal({ status: 'not_found' }));
		const user = await requireStaffFor(event, station.communityCode);
		await volunteers.setStationActive(event.locals.db, {
			stationId: id,
			active: input.active === 'true',
			staffUserId: user.id
		});
		return { form: 'station', done: m.volunteer_saved() };
	},
	volunteer: async (event) => {
		requireStaff(event);
		const input = formInput(await event.request.formData());
		const id = idOf(input);
		if (id === null) return pageFailure(refuse('invalid_input', m.error_bad_id()));
		const code = await volunteers.communityOfVolunteer(event.locals.db, id);
		if (!code) return pageFailure(volunteers.volunteerRefusal({ status: 'not_found' }));
		const user = await requireStaffFor(event, code);
		const action =
			input.action === 'approve' ? 'approve' : input.action === 'pause' ? 'pause' : null;
		if (!action) return pageFailure(refuse('invalid_input', m.volunteer_error_not_allowed()));
		const result = await volunteers.setStatus(event.locals.db, {
			volunteerId: id,
			action,
			by: 'staff',
			actorUserId: user.id
		});
		if (result.status !== 'ok') return pageFailure(volunteers.volunteerRefusal(result));
		return { form: 'volunteer', done: m.volunteer_saved() };
	},
	ask: async (event) => {
		const user = requireStaff(event);
		const input = formInput(await event.request.formData());
		const phone = parse(volunteers.staffHelpInput, input);
		const parsed = parse(volunteers.helpRequestInput, input);
		if (!phone.ok || !parsed.ok) {
			const errors = { ...(phone.ok ? {} : phone.errors), ...(parsed.ok ? {} : parsed.errors) };
			return pageFailure(refuse('invalid_input', m.error_form_invalid()), {
				form: 'ask',
				errors,
				values: echo(input)
			});
		}
		const actor = { id: user.id, role: user.role };
		const elderUserId = await volunteers.elderByPhoneInScope(
			event.locals.db,
			actor,
			phone.data.phone
		);
		if (!elderUserId)
			return pageFailure(refuse('invalid_input', m.volunteer_error_no_person()), {
				form: 'ask',
				errors: { phone: m.volunteer_error_no_person() },
				values: echo(input)
			});
		const result = await volunteers.ask(event.locals.db, { ...parsed.data, actor, elderUserId });
		if (result.status !== 'ok')
			return pageFailure(
				volunteers.volunteerRefusal(result),
				{ form: 'ask', values: echo(input) },
				event
			);
		return {
			form: 'ask',
			done: result.request.status === 'offered' ? m.volunteer_asked() : m.volunteer_asked_staff()
		};
	},
	request: async (event) => {
		const user = requireStaff(event);
		const input = formInput(await event.request.formData());
		const id = idOf(input);
		if (id === null) return pageFailure(refuse('invalid_input', m.error_bad_id()));
		const actor = { id: user.id, role: user.role };
		const result =
			input.action === 'confirm'
				? await volunteers.confirm(event.locals.db, { requestId: id, actor })
				: await volunteers.cancel(event.locals.db, { requestId: id, actor });
		if (result.status !== 'ok') return pageFailure(volunteers.volunteerRefusal(result));
		return { form: 'request', done: m.volunteer_saved() };
	}
};
