import { and, eq } from 'drizzle-orm';
import { haversineM, type LngLat } from '$lib/geo';
import { minuteMs, dayMs } from '$lib/time';
import { record } from '../audit';
import { hit, type Limit } from '../auth/rate-limit';
import { transaction, type Db } from '../db';
import { helpOffer, helpRequest, volunteerStation } from '../db/schema';
import { match } from './matching';
import { tellAboutHelp } from './notify';
import { elderOf, staffOf, standing, type Actor } from './people';
import { usualMinutes } from './rules';
import type { HelpRequestInput } from './schemas';

/** Per asker: a few requests an hour is plenty (staff at the desk ×10). */
export const askLimit: Limit = { name: 'help-ask', max: 6, windowMs: 60 * minuteMs };
/** A volunteer needs time to come; a month ahead is as far as anyone plans. */
export const minNoticeMs = 30 * minuteMs;
export const horizonMs = 30 * dayMs;

export type AskResult =
	| {
			status: 'ok';
			request: { id: number; status: 'offered' | 'escalated'; offered: number };
	  }
	| { status: 'not_found' }
	| { status: 'no_home' }
	| { status: 'no_station' }
	| { status: 'too_soon' }
	| { status: 'too_far' }
	| { status: 'rate_limited'; retryAfterS: number };

/** The open station of the community nearest the elder: its staff answer for the request. */
async function stationFor(db: Db, communityCode: string, point: LngLat) {
	const stations = await db
		.select({ id: volunteerStation.id, lng: volunteerStation.lng, lat: volunteerStation.lat })
		.from(volunteerStation)
		.where(
			and(eq(volunteerStation.communityCode, communityCode), eq(volunteerStation.active, true))
		);
	const distance = (s: { lng: number; lat: number }) =>
		haversineM(point[0], point[1], s.lng, s.lat);
	return stations.sort((a, b) => distance(a) - distance(b) || a.id - b.id)[0];
}

/**
 * An elder asks for help with an item at a time, or a carer for their linked elder, or staff for an
 * elder of their community. The request is offered at once to every matching volunteer (nearest
 * first: `rank`); with nobody to offer it to it goes straight to the station's staff.
 */
export async function ask(
	db: Db,
	input: HelpRequestInput & { actor: Actor; elderUserId: number; now?: number }
): Promise<AskResult> {
	const now = input.now ?? Date.now();
	const elder = await elderOf(db, input.elderUserId);
	if (!elder) return { status: 'not_found' };
	if (!elder.communityCode || elder.lng === null || elder.lat === null)
		return { status: 'no_home' };
	const askedAs = await standing(db, input.actor, {
		id: elder.id,
		communityCode: elder.communityCode
	});
	if (!askedAs) return { status: 'not_found' };
	if (input.startsAt < now + minNoticeMs) return { status: 'too_soon' };
	if (input.startsAt > now + horizonMs) return { status: 'too_far' };
	const point: LngLat = [elder.lng, elder.lat];
	const station = await stationFor(db, elder.communityCode, point);
	if (!station) return { status: 'no_station' };
	const allowed = await hit(
		db,
		{ ...askLimit, max: askLimit.max * (askedAs === 'staff' ? 10 : 1) },
		`user:${input.actor.id}`,
		now
	);
	if (!allowed.allowed) return { status: 'rate_limited', retryAfterS: allowed.retryAfterS };

	const startsAt = input.startsAt;
	const endsAt = startsAt + (input.minutes ?? usualMinutes[input.item]) * minuteMs;
	const candidates = await match(db, {
		item: input.item,
		startsAt,
		endsAt,
		point,
		excludeUserIds: [elder.id, input.actor.id]
	});
	const staff = candidates.length === 0 ? await staffOf(db, elder.communityCode) : [];
	const status = candidates.length > 0 ? ('offered' as const) : ('escalated' as const);
	const id = await transaction(db, async (tx) => {
		const [row] = await tx
			.insert(helpRequest)
			.values({
				communityCode: elder.communityCode!,
				stationId: station.id,
				elderUserId: elder.id,
				askedByUserId: input.actor.id,
				askedAs,
				item: input.item,
				note: input.note,
				wantedStartAt: new Date(startsAt),
				wantedEndAt: new Date(endsAt),
				residenceId: elder.residenceId,
				building: input.building,
				flat: input.flat,
				lng: point[0],
				lat: point[1],
				status,
				offeredAt: status === 'offered' ? new Date(now) : null,
				escalatedAt: status === 'escalated' ? new Date(now) : null,
				createdAt: new Date(now)
			})
			.returning({ id: helpRequest.id });
		if (candidates.length > 0)
			await tx.insert(helpOffer).values(
				candidates.map((c, i) => ({
					helpRequestId: row.id,
					volunteerId: c.volunteerId,
					walkingMinutes: c.walkingMinutes,
					rank: i + 1,
					createdAt: new Date(now)
				}))
			);
		const notice = {
			helpRequestId: row.id,
			item: input.item,
			startsAt,
			forName: elder.name,
			communityCode: elder.communityCode!,
			now
		};
		if (status === 'offered')
			await tellAboutHelp(
				tx,
				candidates.map((c) => c.userId),
				// before accepting, a volunteer learns neither the elder's name nor the address
				{ ...notice, forName: '', kind: 'help_offered' }
			);
		else await tellAboutHelp(tx, staff, { ...notice, kind: 'help_escalated' });
		if (askedAs === 'staff')
			await record(tx, {
				actorUserId: input.actor.id,
				action: 'help_request_for_elder',
				entity: 'help_request',
				entityId: row.id,
				detail: { communityCode: elder.communityCode },
				now
			});
		return row.id;
	});
	return { status: 'ok', request: { id, status, offered: candidates.length } };
}
