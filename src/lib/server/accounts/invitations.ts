import { and, eq, isNull, ne } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { transaction, type Db } from '../db';
import { familyLink, notification } from '../db/schema';
import { tooMany } from '../auth/login';
import { hit, limits } from '../auth/rate-limit';
import { findByPhone } from './users';

/** Family invitations: a carer asks the holder of a phone number to link (family.ts has the links). */

export type InviteResult =
	| { ok: true; linkId: number }
	| { ok: false; status: 400 | 429; message: string; retryAfterS?: number };

/**
 * Invites the holder of a phone number. The answer never says whether the number has an account,
 * or whose (issue 14, finding 1): an invitation to a number with no resident account is kept like
 * any other (and reaches the number's owner if they register), and the inviter sees only the masked
 * number they typed until the elder accepts. Rate-limited per account and per address like codes.
 */
export async function invite(
	db: Db,
	carerUserId: number,
	elderPhone: string,
	address: string
): Promise<InviteResult> {
	const byAddress = await hit(db, limits.inviteAddress(), address);
	if (!byAddress.allowed) return tooMany(byAddress.retryAfterS);
	const byAccount = await hit(db, limits.inviteAccount(), String(carerUserId));
	if (!byAccount.allowed) return tooMany(byAccount.retryAfterS);
	const elder = await findByPhone(db, elderPhone);
	if (elder?.id === carerUserId)
		return { ok: false, status: 400, message: m.family_not_yourself() };
	const elderUserId = elder?.role === 'resident' ? elder.id : null;
	return await transaction(db, async (tx): Promise<InviteResult> => {
		// one open invitation per number typed (the partial unique index says the same)
		const [link] = await tx
			.insert(familyLink)
			.values({ carerUserId, elderUserId, invitedPhone: elderPhone })
			.onConflictDoNothing()
			.returning({ id: familyLink.id });
		if (!link) return { ok: false, status: 400, message: m.family_already_linked() };
		if (elderUserId !== null) await notifyInvited(tx, elderUserId, link.id);
		return { ok: true, linkId: link.id };
	});
}

async function notifyInvited(tx: Db, elderUserId: number, linkId: number) {
	await tx
		.insert(notification)
		.values({ userId: elderUserId, kind: 'family_invitation', payload: { linkId } });
}

/**
 * A new resident receives the open invitations that were sent to their number before (in the
 * caller's transaction: the one that creates the account).
 */
export async function attachInvitations(tx: Db, phone: string, userId: number): Promise<void> {
	const attached = await tx
		.update(familyLink)
		.set({ elderUserId: userId })
		.where(
			and(
				eq(familyLink.invitedPhone, phone),
				isNull(familyLink.elderUserId),
				isNull(familyLink.endedAt),
				ne(familyLink.carerUserId, userId)
			)
		)
		.returning({ id: familyLink.id });
	for (const link of attached) await notifyInvited(tx, userId, link.id);
}
