import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { maskPhone } from '$lib/phone';
import { immediate, type Db } from '../db';
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
	if (findByPhone(db, input.phone))
		return { ok: false, field: 'phone', message: m.error_phone_registered() };
	const communityCodes = input.role === 'admin' ? [] : [...new Set(input.communityCodes)];
	const streetCodes = input.role === 'admin' ? [] : [...new Set(input.streetCodes)];
	const knownCommunities = communityCodes.length
		? db
				.select({ code: community.code })
				.from(community)
				.where(inArray(community.code, communityCodes))
				.all()
		: [];
	const knownStreets = streetCodes.length
		? db.select({ code: street.code }).from(street).where(inArray(street.code, streetCodes)).all()
		: [];
	if (
		knownCommunities.length !== communityCodes.length ||
		knownStreets.length !== streetCodes.length
	) {
		return { ok: false, field: 'communityCodes', message: m.error_choice_invalid() };
	}
	const passwordHash = await hashPassword(input.password);
	return immediate(db, (tx) => {
		if (findByPhone(db, input.phone)) {
			return { ok: false as const, field: 'phone', message: m.error_phone_registered() };
		}
		const created = tx
			.insert(user)
			.values({
				name: input.name,
				phone: input.phone,
				passwordHash,
				role: input.role,
				communityCode: communityCodes[0] ?? null
			})
			.returning({ id: user.id })
			.get();
		const scopes = [
			...communityCodes.map((code) => ({ userId: created.id, communityCode: code })),
			...streetCodes.map((code) => ({ userId: created.id, streetCode: code }))
		];
		if (scopes.length) tx.insert(staffScope).values(scopes).run();
		record(tx, {
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
export function list(db: Db) {
	return db
		.select({ id: user.id, name: user.name, phone: user.phone, role: user.role })
		.from(user)
		.where(and(inArray(user.role, ['staff', 'admin']), isNull(user.deletedAt)))
		.orderBy(asc(user.role), asc(user.id))
		.all()
		.map(({ phone, ...row }) => ({
			...row,
			phoneMasked: maskPhone(phone),
			scopes: scopesOf(db, row.id).map((scope) => scope.name)
		}));
}

/** For tests and the admin page: does this user exist with this role? */
export function roleOf(db: Db, userId: number) {
	return db.select({ role: user.role }).from(user).where(eq(user.id, userId)).get()?.role ?? null;
}
