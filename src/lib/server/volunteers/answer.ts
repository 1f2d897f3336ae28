import { and, eq, gt, inArray, lt, lte } from 'drizzle-orm';
import { localDate, minuteMs } from '$lib/time';
import { record } from '../audit';
import { setting } from '../config';
import { transaction, type Db } from '../db';
import { helpOffer, helpRequest, user, volunteer, volunteerService } from '../db/schema';
import { tellAboutHelp } from './notify';
import { staffOf, standing, type Actor } from './people';

type Refused<S extends string> = { status: S };

export type AcceptResult =
	| { status: 'ok'; request: { id: number; status: 'accepted' } }
	| Refused<'not_found' | 'taken' | 'not_active' | 'busy'>;

/**
 * A volunteer the request was offered to accepts it. The first to accept gets it, exactly once: the
 * status moves from offered (or escalated) to accepted in one conditional update inside the
 * transaction, so of any number of simultaneous accepts one changes the row and the others find it
 * taken. A request not offered to this person is not found (its existence is not revealed).
 */
export async function accept(
	db: Db,
	input: { requestId: number; userId: number; now?: number }
): Promise<AcceptResult> {
	const now = input.now ?? Date.now();
	return transaction(db, async (tx): Promise<AcceptResult> => {
		const [offer] = await tx
			.select({ volunteerId: volunteer.id, status: volunteer.status, name: user.name })
			.from(helpOffer)
			.innerJoin(volunteer, eq(volunteer.id, helpOffer.volunteerId))
			.innerJoin(user, eq(user.id, volunteer.userId))
			.where(and(eq(helpOffer.helpRequestId, input.requestId), eq(volunteer.userId, input.userId)))
			.limit(1);
		if (!offer) return { status: 'not_found' };
		const [request] = await tx
			.select()
			.from(helpRequest)
			.where(eq(helpRequest.id, input.requestId))
			.limit(1);
		if (!request) return { status: 'not_found' };
		// accepting twice (a double tap) is the same acceptance
		if (request.status === 'accepted' && request.acceptedVolunteerId === offer.volunteerId)
			return { status: 'ok', request: { id: request.id, status: 'accepted' } };
		if (request.status === 'accepted' || request.status === 'done') return { status: 'taken' };
		if (request.status === 'cancelled' || offer.status !== 'approved')
			return { status: 'not_active' };
		const [clash] = await tx
			.select({ id: helpRequest.id })
			.from(helpRequest)
			.where(
				and(
					eq(helpRequest.status, 'accepted'),
					eq(helpRequest.acceptedVolunteerId, offer.volunteerId),
					lt(helpRequest.wantedStartAt, request.wantedEndAt),
					gt(helpRequest.wantedEndAt, request.wantedStartAt)
				)
			)
			.limit(1);
		if (clash) return { status: 'busy' };
		const changed = await tx
			.update(helpRequest)
			.set({
				status: 'accepted',
				acceptedVolunteerId: offer.volunteerId,
				acceptedAt: new Date(now)
			})
			.where(
				and(
					eq(helpRequest.id, input.requestId),
					inArray(helpRequest.status, ['open', 'offered', 'escalated'])
				)
			)
			.returning({ id: helpRequest.id });
		if (changed.length === 0) return { status: 'taken' };
		const elderName = request.elderUserId
			? ((
					await tx
						.select({ name: user.name })
						.from(user)
						.where(eq(user.id, request.elderUserId))
						.limit(1)
				)[0]?.name ?? '')
			: '';
		const told = [request.elderUserId, request.askedByUserId].filter(
			(id): id is number => id !== null
		);
		await tellAboutHelp(tx, told, {
			kind: 'help_accepted',
			helpRequestId: request.id,
			item: request.item,
			startsAt: request.wantedStartAt.getTime(),
			forName: elderName,
			volunteerName: offer.name,
			communityCode: request.communityCode,
			now
		});
		return { status: 'ok', request: { id: request.id, status: 'accepted' } };
	});
}

export type ConfirmResult =
	| { status: 'ok'; service: { minutes: number; servedOn: string } }
	| Refused<'not_found' | 'not_active' | 'too_early'>;

/**
 * The elder (or the carer who asked, or staff) confirms the help happened: the request is done and
 * the volunteer's hours are written, once (a second confirmation finds it done).
 */
export async function confirm(
	db: Db,
	input: { requestId: number; actor: Actor; minutes?: number; now?: number }
): Promise<ConfirmResult> {
	const now = input.now ?? Date.now();
	const [request] = await db
		.select()
		.from(helpRequest)
		.where(eq(helpRequest.id, input.requestId))
		.limit(1);
	if (!request) return { status: 'not_found' };
	const who = await standing(db, input.actor, {
		id: request.elderUserId,
		communityCode: request.communityCode
	});
	if (!who && request.askedByUserId !== input.actor.id) return { status: 'not_found' };
	if (request.status !== 'accepted' || request.acceptedVolunteerId === null)
		return { status: 'not_active' };
	if (now < request.wantedStartAt.getTime()) return { status: 'too_early' };
	const minutes =
		input.minutes ??
		Math.round((request.wantedEndAt.getTime() - request.wantedStartAt.getTime()) / minuteMs);
	const servedOn = localDate(request.wantedStartAt.getTime());
	const volunteerId = request.acceptedVolunteerId;
	return transaction(db, async (tx): Promise<ConfirmResult> => {
		const changed = await tx
			.update(helpRequest)
			.set({ status: 'done', confirmedAt: new Date(now), confirmedByUserId: input.actor.id })
			.where(and(eq(helpRequest.id, request.id), eq(helpRequest.status, 'accepted')))
			.returning({ id: helpRequest.id });
		if (changed.length === 0) return { status: 'not_active' };
		const [helper] = await tx
			.select({ stationId: volunteer.stationId, userId: volunteer.userId })
			.from(volunteer)
			.where(eq(volunteer.id, volunteerId))
			.limit(1);
		await tx.insert(volunteerService).values({
			volunteerId,
			stationId: helper.stationId,
			helpRequestId: request.id,
			item: request.item,
			minutes,
			servedOn,
			confirmedByUserId: input.actor.id,
			createdAt: new Date(now)
		});
		await tellTheVolunteer(tx, helper.userId, 'help_done', request, now);
		if (who === 'staff')
			await record(tx, {
				actorUserId: input.actor.id,
				action: 'help_request_confirmed',
				entity: 'help_request',
				entityId: request.id,
				detail: { minutes },
				now
			});
		return { status: 'ok', service: { minutes, servedOn } };
	});
}

/** `told`: the name of the volunteer who had accepted it and is told now, or null (nobody is told). */
export type CancelResult =
	{ status: 'ok'; told: string | null } | Refused<'not_found' | 'not_active'>;

/**
 * The elder, the asker or staff call it off; an accepted volunteer is told. Whether it was accepted,
 * and by whom, is read in the transaction that cancels it: a volunteer accepting just before would
 * otherwise turn up for a request called off without being told.
 */
export async function cancel(
	db: Db,
	input: { requestId: number; actor: Actor; now?: number }
): Promise<CancelResult> {
	const now = input.now ?? Date.now();
	const [asked] = await db
		.select({
			elderUserId: helpRequest.elderUserId,
			askedByUserId: helpRequest.askedByUserId,
			communityCode: helpRequest.communityCode
		})
		.from(helpRequest)
		.where(eq(helpRequest.id, input.requestId))
		.limit(1);
	if (!asked) return { status: 'not_found' };
	const who = await standing(db, input.actor, {
		id: asked.elderUserId,
		communityCode: asked.communityCode
	});
	if (!who && asked.askedByUserId !== input.actor.id) return { status: 'not_found' };
	return transaction(db, async (tx): Promise<CancelResult> => {
		const [request] = await tx
			.select()
			.from(helpRequest)
			.where(eq(helpRequest.id, input.requestId))
			.limit(1);
		const changed = await tx
			.update(helpRequest)
			.set({ status: 'cancelled', cancelledAt: new Date(now) })
			.where(
				and(
					eq(helpRequest.id, request.id),
					inArray(helpRequest.status, ['open', 'offered', 'accepted', 'escalated'])
				)
			)
			.returning({ id: helpRequest.id });
		if (changed.length === 0) return { status: 'not_active' };
		if (request.status !== 'accepted' || request.acceptedVolunteerId === null)
			return { status: 'ok', told: null };
		const [helper] = await tx
			.select({ userId: volunteer.userId, name: user.name })
			.from(volunteer)
			.innerJoin(user, eq(user.id, volunteer.userId))
			.where(eq(volunteer.id, request.acceptedVolunteerId))
			.limit(1);
		if (!helper) return { status: 'ok', told: null };
		await tellTheVolunteer(tx, helper.userId, 'help_cancelled', request, now);
		return { status: 'ok', told: helper.name };
	});
}

/** How long a request waits for a volunteer before its station's staff get it (HELP_ESCALATE_MINUTES). */
export function escalateAfterMs(): number {
	return setting('HELP_ESCALATE_MINUTES') * minuteMs;
}

/**
 * Requests nobody accepted within the set time go to the staff serving their community (消息 and a
 * text message). Idempotent and safe to run in every process: each request moves once.
 */
export async function escalateDue(db: Db, now = Date.now()): Promise<number> {
	const due = await db
		.select({
			id: helpRequest.id,
			communityCode: helpRequest.communityCode,
			item: helpRequest.item,
			startsAt: helpRequest.wantedStartAt,
			elderUserId: helpRequest.elderUserId
		})
		.from(helpRequest)
		.where(
			and(
				inArray(helpRequest.status, ['open', 'offered']),
				lte(helpRequest.createdAt, new Date(now - escalateAfterMs()))
			)
		)
		.limit(200);
	let moved = 0;
	for (const request of due) {
		const staff = await staffOf(db, request.communityCode);
		const [elder] = request.elderUserId
			? await db
					.select({ name: user.name })
					.from(user)
					.where(eq(user.id, request.elderUserId))
					.limit(1)
			: [];
		moved += await transaction(db, async (tx) => {
			const changed = await tx
				.update(helpRequest)
				.set({ status: 'escalated', escalatedAt: new Date(now) })
				.where(
					and(eq(helpRequest.id, request.id), inArray(helpRequest.status, ['open', 'offered']))
				)
				.returning({ id: helpRequest.id });
			if (changed.length === 0) return 0;
			await tellAboutHelp(tx, staff, {
				kind: 'help_escalated',
				helpRequestId: request.id,
				item: request.item,
				startsAt: request.startsAt.getTime(),
				forName: elder?.name ?? '',
				communityCode: request.communityCode,
				now
			});
			return 1;
		});
	}
	return moved;
}

/** Tells the volunteer who took a request what became of it (done, or called off). */
function tellTheVolunteer(
	tx: Db,
	userId: number,
	kind: 'help_done' | 'help_cancelled',
	request: { id: number; item: string; wantedStartAt: Date; communityCode: string },
	now: number
): Promise<void> {
	return tellAboutHelp(tx, [userId], {
		kind,
		helpRequestId: request.id,
		item: request.item,
		startsAt: request.wantedStartAt.getTime(),
		forName: '',
		communityCode: request.communityCode,
		now
	});
}
