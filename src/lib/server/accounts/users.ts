import { and, eq, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { transaction, type Db } from '../db';
import { community, residence, user } from '../db/schema';
import type { Profile } from '../auth/schemas';

/** A live account by phone (deleted ones no longer hold their number). */
export async function findByPhone(db: Db, phone: string) {
	const [account] = await db
		.select({ id: user.id, name: user.name, role: user.role, communityCode: user.communityCode })
		.from(user)
		.where(and(eq(user.phone, phone), isNull(user.deletedAt)))
		.limit(1);
	return account;
}

export type Home =
	| { ok: true; communityCode: string; homeResidenceId: number | null }
	| { ok: false; field: string; message: string };

/** The community a person belongs to: the one chosen, or the one their home residence is in. */
export async function resolveHome(
	db: Db,
	communityCode?: string,
	homeResidenceId?: number
): Promise<Home> {
	if (homeResidenceId !== undefined) {
		const [home] = await db
			.select({ communityCode: residence.communityCode })
			.from(residence)
			.where(eq(residence.id, homeResidenceId))
			.limit(1);
		if (!home) return { ok: false, field: 'homeResidenceId', message: m.error_residence_unknown() };
		if (communityCode && communityCode !== home.communityCode) {
			return { ok: false, field: 'homeResidenceId', message: m.error_residence_elsewhere() };
		}
		return { ok: true, communityCode: home.communityCode, homeResidenceId };
	}
	const [known] = communityCode
		? await db
				.select({ code: community.code })
				.from(community)
				.where(eq(community.code, communityCode))
				.limit(1)
		: [];
	if (!known) return { ok: false, field: 'communityCode', message: m.error_community_required() };
	return { ok: true, communityCode: known.code, homeResidenceId: null };
}

/** Everything the profile page shows about its owner (never the password hash). */
export async function getProfile(db: Db, userId: number) {
	const [profile] = await db
		.select({
			id: user.id,
			name: user.name,
			phone: user.phone,
			role: user.role,
			communityCode: user.communityCode,
			communityName: community.name,
			homeResidenceId: user.homeResidenceId,
			birthYear: user.birthYear,
			walkingSpeed: user.walkingSpeed,
			walkingSpeedMps: user.walkingSpeedMps,
			elderMode: user.elderMode,
			locale: user.locale,
			createdAt: user.createdAt
		})
		.from(user)
		.leftJoin(community, eq(community.code, user.communityCode))
		.where(and(eq(user.id, userId), isNull(user.deletedAt)))
		.limit(1);
	return profile;
}

export type ProfileUpdate = { ok: true } | { ok: false; field: string; message: string };

export async function updateProfile(
	db: Db,
	userId: number,
	input: Profile
): Promise<ProfileUpdate> {
	return await transaction(db, async (tx): Promise<ProfileUpdate> => {
		const home = await resolveHome(tx, input.communityCode, input.homeResidenceId);
		if (!home.ok) return home;
		await tx
			.update(user)
			.set({
				name: input.name,
				communityCode: home.communityCode,
				homeResidenceId: home.homeResidenceId,
				walkingSpeed: input.walkingSpeed,
				walkingSpeedMps: input.walkingSpeed === 'custom' ? input.walkingSpeedMps : null,
				locale: input.locale,
				elderMode: input.elderMode
			})
			.where(eq(user.id, userId));
		return { ok: true };
	});
}

/** 长辈版 on or off in the person's profile (the header's switch); `person` is updated to match. */
export async function setElderMode(
	db: Db,
	person: { id: number; elderMode: boolean },
	on: boolean
): Promise<void> {
	if (person.elderMode === on) return;
	await transaction(db, async (tx) => {
		await tx.update(user).set({ elderMode: on }).where(eq(user.id, person.id));
	});
	person.elderMode = on;
}

export async function passwordHashOf(db: Db, userId: number): Promise<string | null> {
	const [row] = await db
		.select({ passwordHash: user.passwordHash })
		.from(user)
		.where(and(eq(user.id, userId), isNull(user.deletedAt)))
		.limit(1);
	return row?.passwordHash ?? null;
}

/** The privacy notice version a person agreed to, and when (null: never asked). */
export async function consentOf(db: Db, userId: number) {
	const [row] = await db
		.select({ version: user.privacyNoticeVersion, at: user.privacyConsentedAt })
		.from(user)
		.where(eq(user.id, userId))
		.limit(1);
	return row?.version && row.at ? { version: row.version, at: row.at } : null;
}
