import { error, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import * as volunteers from '$lib/server/volunteers';
import { parseWholeNumber } from '$lib/server/numbers';
import { pageFailure, refuse } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages';

/** The ready-made items an elder taps (the others are on the standard page). */
const elderItems = [
	'medical_escort',
	'meal_delivery',
	'errands',
	'reading_chat',
	'home_visit',
	'phone_help',
	'haircut'
] as const satisfies readonly volunteers.VolunteerItem[];
type ElderItem = (typeof elderItems)[number];
const isElderItem = (value: string | null): value is ElderItem =>
	elderItems.includes(value as ElderItem);

/** The one the elder means to withdraw, from their own list (never anyone else's). */
async function ownRequest(event: RequestEvent, userId: number, raw: string | null, now: number) {
	const id = parseWholeNumber(raw);
	if (id === null) return refuse('invalid_input', m.elder_help_cancel_bad_id());
	const mine = (await volunteers.requestsFor(event.locals.db, userId, now)).find(
		(r) => r.id === id
	);
	return mine ?? refuse('not_found', m.elder_help_cancel_not_found());
}

/** The screen `?cancel=<id>` asks about: one of the elder's own requests, or a 4xx page. */
async function cancelling(event: RequestEvent, userId: number, now: number) {
	const raw = event.url.searchParams.get('cancel');
	if (raw === null) return null;
	const found = await ownRequest(event, userId, raw, now);
	if ('code' in found) error(found.status, found.message);
	return {
		id: found.id,
		item: found.item,
		startsAt: found.startsAt,
		canCancel: found.canCancel,
		volunteerName: found.volunteer?.name ?? null
	};
}

/**
 * 长辈版 找志愿者 in three taps: the tile on the home page, one ready-made item, one ready-made time
 * (which sends it). The item is in the address, so it works without JavaScript. Below: the elder's
 * requests, the volunteer's name and a call button once one accepted, and "已经帮完了"; an open or
 * accepted one can be withdrawn in two steps: "不需要了，取消求助" opens `?cancel=<id>`, a screen with
 * only "确定取消" and "不取消，返回".
 */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const key = event.url.searchParams.get('item');
	if (key !== null && !isElderItem(key)) error(404, m.volunteer_error_item());
	const now = Date.now();
	const cancel = await cancelling(event, user.id, now);
	const requests = await volunteers.requestsFor(event.locals.db, user.id, now);
	return {
		hasCommunity: Boolean(user.communityCode),
		items: elderItems,
		item: key,
		times: volunteers.readyTimes(now),
		cancel,
		requests: requests
			.filter((r) => r.status !== 'cancelled' && (r.status !== 'done' || r.startsAt > now - 864e5))
			.map(({ volunteer, ...r }) => ({
				...r,
				volunteer: volunteer && {
					name: volunteer.name,
					maskedPhone: volunteer.maskedPhone,
					call: `tel:${volunteer.phone}`
				}
			}))
	};
};

export const actions: Actions = {
	ask: async (event) => {
		const user = requireUser(event);
		const data = await event.request.formData();
		const item = String(data.get('item') ?? '');
		const time = volunteers.readyTimes(Date.now()).find((t) => t.key === data.get('time'));
		if (!isElderItem(item)) return pageFailure(refuse('invalid_input', m.volunteer_error_item()));
		if (!time) return pageFailure(refuse('invalid_input', m.volunteer_error_time()));
		const result = await volunteers.ask(event.locals.db, {
			item,
			startsAt: time.startsAt,
			note: '',
			building: '',
			flat: '',
			actor: { id: user.id, role: user.role },
			elderUserId: user.id
		});
		if (result.status !== 'ok') return pageFailure(volunteers.volunteerRefusal(result), {}, event);
		return { asked: result.request };
	},
	confirm: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const id = parseWholeNumber(String(form.get('id') ?? ''));
		if (id === null) return pageFailure(refuse('invalid_input', m.error_bad_id()));
		const result = await volunteers.confirm(event.locals.db, {
			requestId: id,
			actor: { id: user.id, role: user.role }
		});
		if (result.status !== 'ok') return pageFailure(volunteers.volunteerRefusal(result));
		return { confirmed: id };
	},
	cancel: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const found = await ownRequest(event, user.id, String(form.get('id') ?? ''), Date.now());
		if ('code' in found) return pageFailure(found);
		const result = await volunteers.cancel(event.locals.db, {
			requestId: found.id,
			actor: { id: user.id, role: user.role }
		});
		if (result.status !== 'ok')
			return pageFailure(
				result.status === 'not_found'
					? refuse('not_found', m.elder_help_cancel_not_found())
					: refuse('not_active', m.elder_help_cancel_not_active())
			);
		// cancel() tells the volunteer who had accepted it (消息 and a text), as it found the request
		// when it called it off; nobody else is told
		return {
			cancelled: { item: found.item, startsAt: found.startsAt, volunteerName: result.told }
		};
	}
};
