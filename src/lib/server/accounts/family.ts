import { aliasedTable, and, desc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { maskPhone } from '$lib/phone';
import { getDb, type Db } from '../db';
import { auditLog, familyLink, notification, user } from '../db/schema';
import { findByPhone } from './users';

/**
 * Family links: a carer (子女/亲属) invites an elder by phone; the link is active once the elder
 * confirms in the portal or staff confirm it at the community desk; either side can end it.
 */

export type LinkResult = { ok: true; linkId: number } | { ok: false; message: string };

export function invite(carerUserId: number, elderPhone: string): LinkResult {
	const elder = findByPhone(elderPhone);
	if (!elder || elder.role !== 'resident') return { ok: false, message: m.family_no_account() };
	if (elder.id === carerUserId) return { ok: false, message: m.family_not_yourself() };
	const db = getDb();
	const open = db
		.select({ id: familyLink.id })
		.from(familyLink)
		.where(
			and(
				eq(familyLink.carerUserId, carerUserId),
				eq(familyLink.elderUserId, elder.id),
				isNull(familyLink.endedAt)
			)
		)
		.get();
	if (open) return { ok: false, message: m.family_already_linked() };
	const link = db
		.insert(familyLink)
		.values({ carerUserId, elderUserId: elder.id })
		.returning({ id: familyLink.id })
		.get();
	db.insert(notification)
		.values({ userId: elder.id, kind: 'family_invitation', payload: { linkId: link.id } })
		.run();
	return { ok: true, linkId: link.id };
}

/** An open (not ended) link, with both people's ids and the elder's community. */
export function getOpen(linkId: number) {
	const elder = aliasedTable(user, 'elder');
	return getDb()
		.select({
			id: familyLink.id,
			carerUserId: familyLink.carerUserId,
			elderUserId: familyLink.elderUserId,
			confirmedAt: familyLink.confirmedAt,
			elderCommunityCode: elder.communityCode
		})
		.from(familyLink)
		.innerJoin(elder, eq(elder.id, familyLink.elderUserId))
		.where(and(eq(familyLink.id, linkId), isNull(familyLink.endedAt)))
		.get();
}

/** Confirms a pending link: by the elder themself, or by staff at the desk (guarded by the caller). */
export function confirm(linkId: number, confirmedByUserId: number, byStaff = false): boolean {
	const db = getDb();
	const done = db
		.update(familyLink)
		.set({ confirmedAt: new Date(), confirmedByUserId })
		.where(
			and(eq(familyLink.id, linkId), isNull(familyLink.endedAt), isNull(familyLink.confirmedAt))
		)
		.run();
	if (done.changes > 0 && byStaff) {
		db.insert(auditLog)
			.values({
				actorUserId: confirmedByUserId,
				action: 'confirm',
				entity: 'family_link',
				entityId: String(linkId)
			})
			.run();
	}
	return done.changes > 0;
}

/** Ends a link (declining an invitation too); false when the person is on neither side. */
export function end(linkId: number, byUserId: number): boolean {
	const done = getDb()
		.update(familyLink)
		.set({ endedAt: new Date() })
		.where(
			and(
				eq(familyLink.id, linkId),
				isNull(familyLink.endedAt),
				or(eq(familyLink.carerUserId, byUserId), eq(familyLink.elderUserId, byUserId))
			)
		)
		.run();
	return done.changes > 0;
}

/** True when carerId may act for elderId: a confirmed link that has not ended. */
export function isCarerOf(carerUserId: number, elderUserId: number, db: Db = getDb()): boolean {
	const row = db
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
		.get();
	return Boolean(row);
}

/** The elders a carer may act for (confirmed links, accounts not deleted), with their names. */
export function eldersOf(carerUserId: number, db: Db = getDb()): { id: number; name: string }[] {
	return db
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
		.orderBy(user.id)
		.all();
}

/** The carers who get an elder's reminders (confirmed links). */
export function carersOf(elderUserId: number) {
	return getDb()
		.select({ id: user.id, name: user.name, phone: user.phone })
		.from(familyLink)
		.innerJoin(user, eq(user.id, familyLink.carerUserId))
		.where(
			and(
				eq(familyLink.elderUserId, elderUserId),
				isNotNull(familyLink.confirmedAt),
				isNull(familyLink.endedAt)
			)
		)
		.all();
}

export interface LinkView {
	id: number;
	/** the other person's side: 'elder' when I am the carer */
	otherRole: 'elder' | 'carer';
	otherName: string;
	otherPhoneMasked: string;
	confirmed: boolean;
	createdAt: Date;
}

/** Open links where the person is carer or elder, phones masked (a list another person sees). */
export function listFor(userId: number): LinkView[] {
	const carer = aliasedTable(user, 'carer');
	const elder = aliasedTable(user, 'elder');
	return getDb()
		.select({
			id: familyLink.id,
			carerUserId: familyLink.carerUserId,
			carerName: carer.name,
			carerPhone: carer.phone,
			elderName: elder.name,
			elderPhone: elder.phone,
			confirmedAt: familyLink.confirmedAt,
			createdAt: familyLink.createdAt
		})
		.from(familyLink)
		.innerJoin(carer, eq(carer.id, familyLink.carerUserId))
		.innerJoin(elder, eq(elder.id, familyLink.elderUserId))
		.where(
			and(
				isNull(familyLink.endedAt),
				or(eq(familyLink.carerUserId, userId), eq(familyLink.elderUserId, userId))
			)
		)
		.orderBy(desc(familyLink.createdAt))
		.all()
		.map((row) => {
			const iAmCarer = row.carerUserId === userId;
			return {
				id: row.id,
				otherRole: iAmCarer ? 'elder' : 'carer',
				otherName: iAmCarer ? row.elderName : row.carerName,
				otherPhoneMasked: maskPhone(iAmCarer ? row.elderPhone : row.carerPhone),
				confirmed: row.confirmedAt !== null,
				createdAt: row.createdAt
			};
		});
}

/** Pending links of an elder, for staff confirming at the desk (phones masked). */
export function pendingForElder(elderUserId: number) {
	return listFor(elderUserId).filter((link) => !link.confirmed && link.otherRole === 'carer');
}
