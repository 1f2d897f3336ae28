import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { maskPhone } from '$lib/phone';
import { transaction, type Db } from '../db';
import { community, session, staffScope, street, trustedDevice, user } from '../db/schema';
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
	if (!(await scopeKnown(db, communityCodes, streetCodes)))
		return { ok: false, field: 'communityCodes', message: m.error_choice_invalid() };
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

/** Whether every community and street code names one that exists. */
async function scopeKnown(db: Db, communityCodes: string[], streetCodes: string[]) {
	const knownCommunities = communityCodes.length
		? await db
				.select({ code: community.code })
				.from(community)
				.where(inArray(community.code, communityCodes))
		: [];
	const knownStreets = streetCodes.length
		? await db.select({ code: street.code }).from(street).where(inArray(street.code, streetCodes))
		: [];
	return (
		knownCommunities.length === communityCodes.length && knownStreets.length === streetCodes.length
	);
}

export type ChangeResult = { ok: true } | { ok: false; status: 400 | 404; message: string };

/** A live staff or administrator account other than the acting administrator's own. */
async function otherStaff(db: Db, adminUserId: number, userId: number) {
	if (userId === adminUserId) return null;
	const [row] = await db
		.select({ id: user.id, role: user.role, disabledAt: user.disabledAt })
		.from(user)
		.where(and(eq(user.id, userId), inArray(user.role, ['staff', 'admin']), isNull(user.deletedAt)))
		.limit(1);
	return row ?? null;
}

const notFound = () => ({ ok: false as const, status: 404 as const, message: m.error_not_found() });

/**
 * 停用 / 启用: a disabled account cannot sign in (by password, code or reset) and its sessions and
 * remembered devices end in the same transaction; the session lookup also refuses a disabled
 * account, so a request already in flight is the last. An administrator cannot disable their own
 * account (the city would be left without one). Audited.
 */
export async function setDisabled(
	db: Db,
	adminUserId: number,
	userId: number,
	disable: boolean,
	now = Date.now()
): Promise<ChangeResult> {
	return await transaction(db, async (tx): Promise<ChangeResult> => {
		const target = await otherStaff(tx, adminUserId, userId);
		if (!target) return notFound();
		if (Boolean(target.disabledAt) === disable) return { ok: true };
		await tx
			.update(user)
			.set({ disabledAt: disable ? new Date(now) : null })
			.where(eq(user.id, userId));
		if (disable) {
			await tx.delete(session).where(eq(session.userId, userId));
			await tx.delete(trustedDevice).where(eq(trustedDevice.userId, userId));
		}
		await record(tx, {
			actorUserId: adminUserId,
			action: disable ? 'disable' : 'enable',
			entity: 'user',
			entityId: userId
		});
		return { ok: true };
	});
}

/**
 * A staff member's communities and streets, replaced by the ones given (at least one). Their
 * sessions go on: every request reads the scope afresh. Audited with the scope before and after.
 */
export async function setScope(
	db: Db,
	adminUserId: number,
	userId: number,
	input: { communityCodes: string[]; streetCodes: string[] }
): Promise<ChangeResult> {
	const communityCodes = [...new Set(input.communityCodes)];
	const streetCodes = [...new Set(input.streetCodes)];
	if (!(await scopeKnown(db, communityCodes, streetCodes)))
		return { ok: false, status: 400, message: m.error_choice_invalid() };
	return await transaction(db, async (tx): Promise<ChangeResult> => {
		const target = await otherStaff(tx, adminUserId, userId);
		if (!target || target.role !== 'staff') return notFound();
		const before = await tx
			.select({ communityCode: staffScope.communityCode, streetCode: staffScope.streetCode })
			.from(staffScope)
			.where(eq(staffScope.userId, userId));
		await tx.delete(staffScope).where(eq(staffScope.userId, userId));
		await tx
			.insert(staffScope)
			.values([
				...communityCodes.map((code) => ({ userId, communityCode: code })),
				...streetCodes.map((code) => ({ userId, streetCode: code }))
			]);
		await tx
			.update(user)
			.set({ communityCode: communityCodes[0] ?? null })
			.where(eq(user.id, userId));
		const codesOf = (key: 'communityCode' | 'streetCode') =>
			before.flatMap((row) => (row[key] ? [row[key]] : [])).join(',');
		await record(tx, {
			actorUserId: adminUserId,
			action: 'scope',
			entity: 'user',
			entityId: userId,
			detail: {
				communitiesBefore: codesOf('communityCode'),
				streetsBefore: codesOf('streetCode'),
				communities: communityCodes.join(','),
				streets: streetCodes.join(',')
			}
		});
		return { ok: true };
	});
}

/** Staff and administrators with their scopes, phones masked. */
export async function list(db: Db) {
	const rows = await db
		.select({
			id: user.id,
			name: user.name,
			phone: user.phone,
			role: user.role,
			disabled: user.disabledAt
		})
		.from(user)
		.where(and(inArray(user.role, ['staff', 'admin']), isNull(user.deletedAt)))
		.orderBy(asc(user.role), asc(user.id));
	const accounts = [];
	for (const { phone, disabled, ...row } of rows) {
		const scopes = await scopesOf(db, row.id);
		accounts.push({
			...row,
			disabled: Boolean(disabled),
			phoneMasked: maskPhone(phone),
			scopes: scopes.map((s) => s.name),
			communityCodes: scopes.flatMap((s) => (s.communityCode ? [s.communityCode] : [])),
			streetCodes: scopes.flatMap((s) => (s.streetCode ? [s.streetCode] : []))
		});
	}
	return accounts;
}

/** For tests and the admin page: does this user exist with this role? */
export async function roleOf(db: Db, userId: number) {
	const [row] = await db.select({ role: user.role }).from(user).where(eq(user.id, userId)).limit(1);
	return row?.role ?? null;
}
