import { and, eq } from 'drizzle-orm';
import { record } from '../audit';
import { transaction, type Db } from '../db';
import { ledgerSnapshot, targetSnapshot } from '../db/schema';
import { indicatorsFor, type IndicatorRow } from '../indicators';
import { scopeFor } from '../planning/scope';
import { evaluateTargets, type TargetRow } from '../planning/targets';
import { targetFacts } from '../planning/targets-view';
import { shanghaiOffsetMs } from '$lib/time';

export type LedgerLevel = 'city' | 'street' | 'community';

/** One value of the ledger: a target or an indicator, for the city, a street or a community. */
export interface LedgerValue {
	kind: 'target' | 'indicator';
	key: string;
	level: LedgerLevel;
	/** '' for the city */
	areaCode: string;
	value: number | null;
	goal: number;
	met: boolean | null;
	count: number | null;
	total: number | null;
}

/** The local (Asia/Shanghai) month of an instant, YYYY-MM: a monthly snapshot's key. */
export function localMonth(instantMs: number): string {
	return new Date(instantMs + shanghaiOffsetMs).toISOString().slice(0, 7);
}

function fromTarget(level: LedgerLevel, areaCode: string, row: TargetRow): LedgerValue {
	// nothing to count (the rural 法律之家 target of an urban community, a street without villages):
	// no data, not a 0% that misses its goal
	const applies = row.total > 0;
	return {
		kind: 'target',
		key: row.key,
		level,
		areaCode,
		value: applies ? row.value : null,
		goal: row.target,
		met: applies ? row.met : null,
		count: row.count,
		total: row.total
	};
}

function fromIndicator(level: LedgerLevel, areaCode: string, row: IndicatorRow): LedgerValue {
	return {
		kind: 'indicator',
		key: row.key,
		level,
		areaCode,
		value: row.value,
		goal: row.target,
		met: row.status === 'no_data' ? null : row.status === 'met',
		count: row.reported,
		total: row.total
	};
}

/**
 * Every target and indicator for the whole city, each street and each community, as the planning
 * view computes them now (the same definitions and engine). Read outside any transaction: it asks
 * the coverage engine.
 */
export async function ledgerValues(db: Db, now = Date.now()): Promise<LedgerValue[]> {
	const scope = await scopeFor(db, true, []);
	const facts = await targetFacts(db, scope, now);
	const streetOf = new Map(scope.communities.map((c) => [c.code, c.streetCode]));
	const targetsOver = (codes: Set<string>) =>
		evaluateTargets(
			facts.communities.filter((c) => codes.has(c.code)),
			facts.openings.filter((o) => o.communityCode !== undefined && codes.has(o.communityCode))
		);
	const values: LedgerValue[] = evaluateTargets(facts.communities, facts.openings).map((row) =>
		fromTarget('city', '', row)
	);
	const streetCodes = [...new Set(scope.communities.map((c) => c.streetCode))];
	for (const street of streetCodes) {
		const codes = new Set(
			scope.communities.filter((c) => c.streetCode === street).map((c) => c.code)
		);
		values.push(...targetsOver(codes).map((row) => fromTarget('street', street, row)));
	}
	for (const c of facts.communities) {
		if (!streetOf.has(c.code)) continue;
		values.push(
			...targetsOver(new Set([c.code])).map((row) => fromTarget('community', c.code, row))
		);
	}
	const indicators = await indicatorsFor(db, scope.communities, now);
	values.push(...indicators.total.map((row) => fromIndicator('city', '', row)));
	for (const s of indicators.streets)
		values.push(...s.rows.map((row) => fromIndicator('street', s.code, row)));
	for (const c of indicators.communities)
		values.push(...c.rows.map((row) => fromIndicator('community', c.code, row)));
	return values;
}

export type SnapshotResult =
	{ status: 'ok'; snapshotId: number; values: number } | { status: 'exists' };

/**
 * Takes a snapshot: `monthly` (the server's own check; at most one per local month, however many
 * processes try at once: the unique month key, and a loser writes nothing) or `manual` (an
 * administrator's, any number, audited).
 */
export async function takeSnapshot(
	db: Db,
	input: { kind: 'monthly' | 'manual'; byUserId?: number; now?: number }
): Promise<SnapshotResult> {
	const now = input.now ?? Date.now();
	const values = await ledgerValues(db, now);
	return transaction(db, async (tx) => {
		const [row] = await tx
			.insert(ledgerSnapshot)
			.values({
				kind: input.kind,
				monthlyKey: input.kind === 'monthly' ? localMonth(now) : null,
				takenByUserId: input.byUserId ?? null,
				takenAt: new Date(now)
			})
			.onConflictDoNothing()
			.returning({ id: ledgerSnapshot.id });
		if (!row) return { status: 'exists' as const };
		// a few hundred rows per snapshot: batches keep each statement far below both databases' limits
		for (let i = 0; i < values.length; i += 200)
			await tx
				.insert(targetSnapshot)
				.values(values.slice(i, i + 200).map((v) => ({ ...v, snapshotId: row.id })));
		if (input.kind === 'manual')
			await record(tx, {
				actorUserId: input.byUserId ?? null,
				action: 'ledger_snapshot',
				entity: 'ledger_snapshot',
				entityId: row.id,
				detail: { values: values.length },
				now
			});
		return { status: 'ok' as const, snapshotId: row.id, values: values.length };
	});
}

/** The month's snapshot, taken now when there is none yet (run at start-up and hourly). */
export async function ensureMonthlySnapshot(db: Db, now = Date.now()): Promise<SnapshotResult> {
	const [found] = await db
		.select({ id: ledgerSnapshot.id })
		.from(ledgerSnapshot)
		.where(and(eq(ledgerSnapshot.kind, 'monthly'), eq(ledgerSnapshot.monthlyKey, localMonth(now))))
		.limit(1);
	if (found) return { status: 'exists' };
	return takeSnapshot(db, { kind: 'monthly', now });
}
