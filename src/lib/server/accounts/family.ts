import { alias } from 'drizzle-orm/sqlite-core';
import { and, desc, eq, inArray, isNotNull, isNull, like, or } from 'drizzle-orm';
import { maskPhone } from '$lib/phone';
import { changedRows, transaction, type Db } from '../db';
import { booking, familyLink, notification, outbox, user } from '../db/schema';

/**
 * Family links: a carer (子女/亲属) invites an elder by phone; the link is active once the elder
 * confirms in the portal or staff confirm it at the community desk; either side can end it.
 */

/** An open (not ended) link, with both people's ids and the elder's community. */
export async function getOpen(db: Db, linkId: number) {
	const elder = alias(user, 'elder');
	const [link] = await db
		.select({
			id: familyLink.id,
			carerUserId: familyLink.carerUserId,
			elderUserId: familyLink.elderUserId,
			confirmedAt: familyLink.confirmedAt,
			elderCommunityCode: elder.communityCode
		})
		.from(familyLink)
		.leftJoin(elder, eq(elder.id, familyLink.elderUserId))
		.where(and(eq(familyLink.id, linkId), isNull(familyLink.endedAt)))
		.limit(1);
	return link;
}

/**
 * Confirms a pending link that has its elder: by the elder themself, or by staff at the desk once
 * the elder's code was given (desk-confirmation.ts, which also audits it). Guarded by the caller.
 */
export async function confirm(db: Db, linkId: number, confirmedByUserId: number): Promise<boolean> {
	return await transaction(db, async (tx) => {
		const done = await tx
			.update(familyLink)
			.set({ confirmedAt: new Date(), confirmedByUserId })
			.where(
				and(
					eq(familyLink.id, linkId),
					isNull(familyLink.endedAt),
					isNull(familyLink.confirmedAt),
					isNotNull(familyLink.elderUserId)
				)
			);
		return changedRows(done) > 0;
	});
}

/**
 * Ends a link (declining an invitation too); false when the person is on neither side. From then on
 * the former carer has no access to the elder's bookings (every check reads the link as it is now),
 * and the messages about them not yet sent to the former carer are taken back.
 */
export async function end(
	db: Db,
	linkId: number,
	byUserId: number,
	now = Date.now()
): Promise<boolean> {
	return await transaction(db, async (tx) => {
		const [ended] = await tx
			.update(familyLink)
			.set({ endedAt: new Date(now) })
			.where(
				and(
					eq(familyLink.id, linkId),
					isNull(familyLink.endedAt),
					or(eq(familyLink.carerUserId, byUserId), eq(familyLink.elderUserId, byUserId))
				)
			)
			.returning({ carerUserId: familyLink.carerUserId, elderUserId: familyLink.elderUserId });
		if (ended?.elderUserId) await withdrawCarerMessages(tx, ended.carerUserId, ended.elderUserId);
		return ended !== undefined;
	});
}

/**
 * The booking messages a former carer would still get or see about the elder: unsent text messages
 * in the outbox (dedupe keys `booking:{id}:{kind}:{userId}`) and the portal's notifications (with
 * their check-in codes), past and future. What was already texted cannot be taken back.
 */
async function withdrawCarerMessages(tx: Db, carerUserId: number, elderUserId: number) {
	const bookings = (
		await tx.select({ id: booking.id }).from(booking).where(eq(booking.userId, elderUserId))
	).map((b) => b.id);
	if (bookings.length === 0) return;
	const keys = new Set(bookings.map((id) => `booking:${id}:`));
	// dedupe keys are lower case (queue.ts): like matches them alike on SQLite and PostgreSQL
	const unsent = (
		await tx
			.select({ id: outbox.id, dedupeKey: outbox.dedupeKey })
			.from(outbox)
			.where(and(isNull(outbox.sentAt), like(outbox.dedupeKey, `booking:%:${carerUserId}`)))
	)
		.filter((row) => keys.has(row.dedupeKey!.replace(/^(booking:\d+:).*$/, '$1')))
		.map((row) => row.id);
	if (unsent.length > 0) await tx.delete(outbox).where(inArray(outbox.id, unsent));
	const ids = new Set(bookings);
	const notices = (
		await tx
			.select({ id: notification.id, payload: notification.payload })
			.from(notification)
			.where(eq(notification.userId, carerUserId))
	)
		.filter((row) => ids.has(row.payload.bookingId as number))
		.map((row) => row.id);
	if (notices.length > 0) await tx.delete(notification).where(inArray(notification.id, notices));
}

/** True when carerId may act for elderId: a confirmed link that has not ended. */
export async function isCarerOf(
	db: Db,
	carerUserId: number,
	elderUserId: number
): Promise<boolean> {
	const [row] = await db
		.select({ id: familyLink.id })
		.from(familyLink)
		.where(
			and(
				eq(familyLink.carerUserId, carerUserId),
				eq(familyLink.elderUserId, elderUserId),
				isNotNull(familyLink.confirmedAt),
				isNull(familyLink.endedAt)
			)
		)
		.limit(1);
	return Boolean(row);
}

/** The elders a carer may act for (confirmed links, accounts not deleted), with their names. */
export async function eldersOf(
	db: Db,
	carerUserId: number
): Promise<{ id: number; name: string }[]> {
	return await db
		.select({ id: user.id, name: user.name })
		.from(familyLink)
		.innerJoin(user, eq(user.id, familyLink.elderUserId))
		.where(
			and(
				eq(familyLink.carerUserId, carerUserId),
				isNotNull(familyLink.confirmedAt),
				isNull(familyLink.endedAt),
				isNull(user.deletedAt)
			)
		)
		.orderBy(user.id);
}

export interface LinkView {
	id: number;
	/** the other person's side: 'elder' when I am the carer */
	otherRole: 'elder' | 'carer';
	/** null while my invitation waits: the inviter learns a name only once the elder accepts */
	otherName: string | null;
	otherPhoneMasked: string;
	confirmed: boolean;
	createdAt: Date;
}

/** Open links where the person is carer or elder, phones masked (a list another person sees). */
export async function listFor(db: Db, userId: number): Promise<LinkView[]> {
	const carer = alias(user, 'carer');
	const elder = alias(user, 'elder');
	const rows = await db
		.select({
			id: familyLink.id,
			carerUserId: familyLink.carerUserId,
			carerName: carer.name,
			carerPhone: carer.phone,
			elderName: elder.name,
			invitedPhone: familyLink.invitedPhone,
			confirmedAt: familyLink.confirmedAt,
			createdAt: familyLink.createdAt
		})
		.from(familyLink)
		.innerJoin(carer, eq(carer.id, familyLink.carerUserId))
		.leftJoin(elder, eq(elder.id, familyLink.elderUserId))
		.where(
			and(
				isNull(familyLink.endedAt),
				or(eq(familyLink.carerUserId, userId), eq(familyLink.elderUserId, userId))
			)
		)
		.orderBy(desc(familyLink.createdAt), desc(familyLink.id));
	return rows.map((row): LinkView => {
		const iAmCarer = row.carerUserId === userId;
		const confirmed = row.confirmedAt !== null;
		return {
			id: row.id,
			otherRole: iAmCarer ? 'elder' : 'carer',
			otherName: iAmCarer ? (confirmed ? row.elderName : null) : row.carerName,
			otherPhoneMasked: maskPhone(iAmCarer ? row.invitedPhone : row.carerPhone),
			confirmed,
			createdAt: row.createdAt
		};
	});
}

/** Pending links of an elder, for staff confirming at the desk (phones masked). */
export async function pendingForElder(db: Db, elderUserId: number) {
	return (await listFor(db, elderUserId)).filter(
		(link) => !link.confirmed && link.otherRole === 'carer'
	);
}
