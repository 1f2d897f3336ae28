import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { maskPhone } from '$lib/phone';
import { transaction, type Db } from '../db';
import { community, staffScope, street, user } from '../db/schema';
import { record } from '../audit';
import { hashPassword } from '../auth/password';
import type { StaffAccount } from '../auth/schemas';
import { scopesOf } from '../auth/scopes';
import { findByPhone } from './users';

export type CreateResult =
	{ ok: true; userId: number } | { ok: false; field: string; message: string };

/** Staff and administrator accounts exist only through an administrator, never self-registration. */
export async function create(
	db: Db,
	adminUserId: number,
	input: StaffAccount
): Promise<CreateResult> {
	if (await findByPhone(db, input.phone))
		return { ok: false, field: 'phone', message: m.error_phone_registered() };
	const communityCodes = input.role === 'admin' ? [] : [...new Set(input.communityCodes)];
	const streetCodes = input.role === 'admin' ? [] : [...new Set(input.streetCodes)];
	const knownCommunities = communityCodes.length
		? await db
				.select({ code: community.code })
				.from(community)
				.where(inArray(community.code, communityCodes))
		: [];
	const knownStreets = streetCodes.length
		? await db.select({ code: street.code }).from(street).where(inArray(street.code, streetCodes))
		: [];
	if (
		knownCommunities.length !== communityCodes.length ||
		knownStreets.length !== streetCodes.length
	) {
		return { ok: false, field: 'communityCodes', message: m.error_choice_invalid() };
	}
	const passwordHash = await hashPassword(input.password);
	return await transaction(db, async (tx): Promise<CreateResult> => {
		if (await findByPhone(tx, input.phone)) {
			return { ok: false as const, field: 'phone', message: m.error_phone_registered() };
		}
		const [created] = await tx
			.insert(user)
			.values({
				name: input.name,
				phone: input.phone,
				passwordHash,
				role: input.role,
				communityCode: communityCodes[0] ?? null
			})
			.returning({ id: user.id });
		const scopes = [
			...communityCodes.map((code) => ({ userId: created.id, communityCode: code })),
			...streetCodes.map((code) => ({ userId: created.id, streetCode: code }))
		];
		if (scopes.length) await tx.insert(staffScope).values(scopes);
		await record(tx, {
			actorUserId: adminUserId,
			action: 'create',
			entity: 'user',
			entityId: created.id,
			detail: {
				role: input.role,
				communities: communityCodes.join(','),
				streets: streetCodes.join(',')
			}
		});
		return { ok: true as const, userId: created.id };
	});
}

/** Staff and administrators with their scopes, phones masked. */
export async function list(db: Db) {
	const rows = await db
		.select({ id: user.id, name: user.name, phone: user.phone, role: user.role })
		.from(user)
		.where(and(inArray(user.role, ['staff', 'admin']), isNull(user.deletedAt)))
		.orderBy(asc(user.role), asc(user.id));
	const accounts = [];
	for (const { phone, ...row } of rows) {
		const scopes = await scopesOf(db, row.id);
		accounts.push({ ...row, phoneMasked: maskPhone(phone), scopes: scopes.map((s) => s.name) });
	}
	return accounts;
}

/** For tests and the admin page: does this user exist with this role? */
export async function roleOf(db: Db, userId: number) {
	const [row] = await db.select({ role: user.role }).from(user).where(eq(user.id, userId)).limit(1);
	return row?.role ?? null;
}
