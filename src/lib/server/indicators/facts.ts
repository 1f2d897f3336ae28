import { eq, inArray, sum } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { community, communityFacts, residence, user } from '../db/schema';
import * as audit from '../audit';
import type { Facts } from './definitions';

export interface StoredFacts extends Facts {
	communityCode: string;
	confirmedAt: Date;
	confirmedByUserId: number | null;
	/** who confirmed them last (a name, never a phone number); null for generated or deleted */
	confirmedByName: string | null;
	generated: boolean;
}

const factFields = [
	'centreAreaM2',
	'activityAreaM2',
	'totalBuildingAreaM2',
	'commercialServiceAreaM2',
	'selfService',
	'committeeMembers',
	'fullTimeWorkers',
	'gridWorkers',
	'publicWelfareWorkers'
] as const satisfies readonly (keyof Facts)[];

function factsOnly(row: Facts): Facts {
	return Object.fromEntries(factFields.map((key) => [key, row[key]])) as unknown as Facts;
}

/** The stored facts of the given communities, by code. */
export async function factsOf(db: Db, codes: readonly string[]): Promise<Map<string, StoredFacts>> {
	if (codes.length === 0) return new Map();
	const rows = await db
		.select({ facts: communityFacts, confirmedByName: user.name })
		.from(communityFacts)
		.leftJoin(user, eq(user.id, communityFacts.confirmedByUserId))
		.where(inArray(communityFacts.communityCode, [...codes]));
	return new Map(
		rows.map((row) => [
			row.facts.communityCode,
			{ ...row.facts, confirmedByName: row.confirmedByName ?? null }
		])
	);
}

/** Households and residents per community (from its residences). */
export async function populationOf(
	db: Db,
	codes: readonly string[]
): Promise<Map<string, { households: number; residents: number }>> {
	if (codes.length === 0) return new Map();
	const rows = await db
		.select({
			code: residence.communityCode,
			households: sum(residence.households).mapWith(Number),
			residents: sum(residence.residents).mapWith(Number)
		})
		.from(residence)
		.where(inArray(residence.communityCode, [...codes]))
		.groupBy(residence.communityCode);
	return new Map(
		rows.map((r) => [r.code, { households: r.households ?? 0, residents: r.residents ?? 0 }])
	);
}

export type SaveResult =
	{ status: 'ok'; changed: boolean } | { status: 'not_found' } | { status: 'inconsistent' };

/**
 * Saves (or re-confirms, when nothing changed) a community's facts: dated, with who confirmed them,
 * and audited with the values before and after, in one transaction.
 */
export async function saveFacts(
	db: Db,
	input: { communityCode: string; facts: Facts; byUserId: number; now?: number }
): Promise<SaveResult> {
	const facts = factsOnly(input.facts);
	// the schema checks these too; refusing here gives the person a message instead of a fault
	if (
		facts.activityAreaM2 > facts.centreAreaM2 ||
		facts.commercialServiceAreaM2 > facts.totalBuildingAreaM2
	)
		return { status: 'inconsistent' };
	const confirmedAt = new Date(input.now ?? Date.now());
	return transaction(db, async (tx) => {
		const [known] = await tx
			.select({ code: community.code })
			.from(community)
			.where(eq(community.code, input.communityCode))
			.limit(1);
		if (!known) return { status: 'not_found' as const };
		const [before] = await tx
			.select()
			.from(communityFacts)
			.where(eq(communityFacts.communityCode, input.communityCode))
			.limit(1);
		const previous = before ? factsOnly(before) : null;
		const changed = !previous || factFields.some((key) => previous[key] !== facts[key]);
		const values = {
			...facts,
			confirmedAt,
			confirmedByUserId: input.byUserId,
			generated: false
		};
		if (before)
			await tx
				.update(communityFacts)
				.set(values)
				.where(eq(communityFacts.communityCode, input.communityCode));
		else await tx.insert(communityFacts).values({ communityCode: input.communityCode, ...values });
		await audit.record(tx, {
			actorUserId: input.byUserId,
			action: changed ? 'community_facts.update' : 'community_facts.confirm',
			entity: 'community_facts',
			entityId: input.communityCode,
			detail: changed ? { before: previous, after: facts } : undefined,
			now: input.now
		});
		return { status: 'ok' as const, changed };
	});
}
