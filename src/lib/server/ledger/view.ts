import { and, asc, desc, eq, gte, inArray, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../db';
import { ledgerSnapshot, project, targetSnapshot } from '../db/schema';
import { indicatorDefinitions } from '../indicators';
import { openNeedCounts } from '../needs';
import type { PlanningScope } from '../planning/scope';
import { targetsOfCategory } from '../planning/targets';
import { localMidnight } from '$lib/time';
import { targetNames } from '$lib/plan-targets';
import type { LedgerLevel } from './snapshot';

/** A place the ledger is kept for: the city (administrators), a street or a community. */
export interface LedgerArea {
	level: LedgerLevel;
	/** '' for the city */
	code: string;
	name: string;
	/** the communities it spans */
	communityCodes: string[];
}

export interface SnapshotInfo {
	id: number;
	takenAt: number;
	kind: 'monthly' | 'manual';
}

/** The areas a planner may see: the city for administrators, then their streets and communities. */
export function ledgerAreas(scope: PlanningScope): LedgerArea[] {
	const streets = [...new Set(scope.communities.map((c) => c.streetCode))];
	return [
		...(scope.admin
			? [
					{
						level: 'city' as const,
						code: '',
						name: '',
						communityCodes: scope.communities.map((c) => c.code)
					}
				]
			: []),
		...streets.map((code) => {
			const list = scope.communities.filter((c) => c.streetCode === code);
			return {
				level: 'street' as const,
				code,
				name: list[0].streetName,
				communityCodes: list.map((c) => c.code)
			};
		}),
		...scope.communities.map((c) => ({
			level: 'community' as const,
			code: c.code,
			name: c.name,
			communityCodes: [c.code]
		}))
	];
}

/** `city` or a street's or community's code, if the planner may see it. */
export function findArea(scope: PlanningScope, code: string): LedgerArea | null {
	return (
		ledgerAreas(scope).find((a) => (code === 'city' ? a.level === 'city' : a.code === code)) ?? null
	);
}

/** The service categories a target is about (none for surveys and hours, nor for indicators). */
export function categoriesOfTarget(kind: 'target' | 'indicator', key: string): string[] {
	if (kind === 'indicator') return [];
	return Object.entries(targetsOfCategory).flatMap(([category, keys]) =>
		(keys as readonly string[]).includes(key) ? [category] : []
	);
}

export const firstLedgerYear = 2021;
export const lastLedgerYear = 2100;

function yearBounds(year: number): [Date, Date] {
	return [new Date(localMidnight(`${year}-01-01`)), new Date(localMidnight(`${year + 1}-01-01`))];
}

/** The snapshots of a local year, oldest first. */
export async function snapshotsOfYear(db: Db, year: number): Promise<SnapshotInfo[]> {
	const [from, to] = yearBounds(year);
	const rows = await db
		.select({ id: ledgerSnapshot.id, takenAt: ledgerSnapshot.takenAt, kind: ledgerSnapshot.kind })
		.from(ledgerSnapshot)
		.where(and(gte(ledgerSnapshot.takenAt, from), lt(ledgerSnapshot.takenAt, to)))
		.orderBy(asc(ledgerSnapshot.takenAt), asc(ledgerSnapshot.id));
	return rows.map((r) => ({ ...r, takenAt: r.takenAt.getTime() }));
}

/** The latest snapshots (at most `limit`), oldest first: the history on /admin. */
export async function latestSnapshots(db: Db, limit = 36): Promise<SnapshotInfo[]> {
	const rows = await db
		.select({ id: ledgerSnapshot.id, takenAt: ledgerSnapshot.takenAt, kind: ledgerSnapshot.kind })
		.from(ledgerSnapshot)
		.orderBy(desc(ledgerSnapshot.takenAt), desc(ledgerSnapshot.id))
		.limit(limit);
	return rows.reverse().map((r) => ({ ...r, takenAt: r.takenAt.getTime() }));
}

export interface StoredValue {
	snapshotId: number;
	kind: 'target' | 'indicator';
	key: string;
	areaCode: string;
	value: number | null;
	goal: number;
	met: boolean | null;
	count: number | null;
	total: number | null;
}

/** The stored values of some snapshots for some areas of one level. */
export async function valuesOf(
	db: Db,
	snapshotIds: readonly number[],
	level: LedgerLevel,
	areaCodes: readonly string[]
): Promise<StoredValue[]> {
	if (snapshotIds.length === 0 || areaCodes.length === 0) return [];
	const rows = await db
		.select({
			snapshotId: targetSnapshot.snapshotId,
			kind: targetSnapshot.kind,
			key: targetSnapshot.key,
			areaCode: targetSnapshot.areaCode,
			value: targetSnapshot.value,
			goal: targetSnapshot.goal,
			met: targetSnapshot.met,
			count: targetSnapshot.count,
			total: targetSnapshot.total
		})
		.from(targetSnapshot)
		.where(
			and(
				inArray(targetSnapshot.snapshotId, [...snapshotIds]),
				eq(targetSnapshot.level, level),
				inArray(targetSnapshot.areaCode, [...areaCodes])
			)
		);
	return rows.map((r) => ({ ...r, met: r.met === null ? null : Boolean(r.met) }));
}

/** How far a value is below its goal (0 when met; null without data): goals are minimums. */
export function gapOf(value: number | null, goal: number): number | null {
	return value === null ? null : Math.max(0, goal - value);
}

/** Communities (or points) still missing before a target's goal is met, as on the what-if page. */
export function missingOf(
	v: Pick<StoredValue, 'kind' | 'goal' | 'count' | 'total'>
): number | null {
	if (v.kind !== 'target' || v.count === null || v.total === null || v.total === 0) return null;
	return Math.max(0, Math.ceil(v.goal * v.total - 1e-9) - v.count);
}

export interface LedgerProject {
	id: number;
	title: string;
	status: string;
	communityCode: string;
	categoryCode: string | null;
}

/** Projects of the communities in the year (not stopped; not completed before the year began). */
export async function projectsOfYear(
	db: Db,
	communityCodes: readonly string[],
	year: number
): Promise<LedgerProject[]> {
	if (communityCodes.length === 0) return [];
	const [from, to] = yearBounds(year);
	return db
		.select({
			id: project.id,
			title: project.title,
			status: project.status,
			communityCode: project.communityCode,
			categoryCode: project.categoryCode
		})
		.from(project)
		.where(
			and(
				inArray(project.communityCode, [...communityCodes]),
				ne(project.status, 'terminated'),
				lt(project.createdAt, to),
				or(ne(project.status, 'completed'), gte(project.updatedAt, from))
			)
		)
		.orderBy(asc(project.id))
		.limit(500);
}

export interface LedgerLine {
	kind: 'target' | 'indicator';
	key: string;
	/** for indicators: share, m2_per_100_households or per_10000; targets are shares */
	unit: string;
	goal: number;
	/** the year's values, one per snapshot (null: no data or not stored then) */
	series: (number | null)[];
	/** the year's latest snapshot */
	latest: StoredValue | null;
	gap: number | null;
	missing: number | null;
	categories: string[];
	projects: LedgerProject[];
	openNeeds: number;
	supporters: number;
}

/** The plan's order: the targets as /admin lists them, then the indicators as the plan numbers them. */
const order = [
	...Object.keys(targetNames).map((key) => `target:${key}`),
	...indicatorDefinitions.map((d) => `indicator:${d.key}`)
];
const rank = (kind: string, key: string) => {
	const i = order.indexOf(`${kind}:${key}`);
	return i < 0 ? order.length : i;
};

const unitOf = (kind: 'target' | 'indicator', key: string) =>
	kind === 'target' ? 'share' : (indicatorDefinitions.find((d) => d.key === key)?.unit ?? 'share');

async function demand(db: Db, communityCodes: readonly string[], year: number) {
	const [projects, needs] = await Promise.all([
		projectsOfYear(db, communityCodes, year),
		openNeedCounts(db, communityCodes)
	]);
	return (kind: 'target' | 'indicator', key: string) => {
		const categories = categoriesOfTarget(kind, key);
		const open = needs.filter((n) => categories.includes(n.category));
		return {
			categories,
			projects: projects.filter((p) => p.categoryCode && categories.includes(p.categoryCode)),
			openNeeds: open.reduce((s, n) => s + n.needs, 0),
			supporters: open.reduce((s, n) => s + n.supporters, 0)
		};
	};
}

/** One area's ledger for a year: every target and indicator, month by month, with its demand. */
export async function areaLedger(db: Db, area: LedgerArea, year: number) {
	const snapshots = await snapshotsOfYear(db, year);
	const values = await valuesOf(
		db,
		snapshots.map((s) => s.id),
		area.level,
		[area.code]
	);
	const seen = new Set<string>();
	const keys = values.flatMap((v) => {
		const id = `${v.kind}:${v.key}`;
		if (seen.has(id)) return [];
		seen.add(id);
		return [{ kind: v.kind, key: v.key }];
	});
	const about = await demand(db, area.communityCodes, year);
	const lastId = snapshots.at(-1)?.id;
	const lines: LedgerLine[] = keys.map(({ kind, key }) => {
		const mine = values.filter((v) => v.kind === kind && v.key === key);
		const latest = mine.find((v) => v.snapshotId === lastId) ?? null;
		const goal = latest?.goal ?? mine[0].goal;
		return {
			kind,
			key,
			unit: unitOf(kind, key),
			goal,
			series: snapshots.map((s) => mine.find((v) => v.snapshotId === s.id)?.value ?? null),
			latest,
			gap: latest ? gapOf(latest.value, latest.goal) : null,
			missing: latest ? missingOf(latest) : null,
			...about(kind, key)
		};
	});
	lines.sort((a, b) => rank(a.kind, a.key) - rank(b.kind, b.key));
	return { area, year, snapshots, lines };
}

/** One target's (or indicator's) ledger for a year: each area of the scope at the year's latest snapshot. */
export async function targetLedger(
	db: Db,
	areas: readonly LedgerArea[],
	kind: 'target' | 'indicator',
	key: string,
	year: number
) {
	const snapshots = await snapshotsOfYear(db, year);
	const last = snapshots.at(-1) ?? null;
	const rows = [];
	const all = [...new Set(areas.flatMap((a) => a.communityCodes))];
	const categories = categoriesOfTarget(kind, key);
	const [projects, needs] = await Promise.all([
		projectsOfYear(db, all, year),
		openNeedCounts(db, all)
	]);
	for (const level of ['city', 'street', 'community'] as const) {
		const ofLevel = areas.filter((a) => a.level === level);
		const stored = last
			? await valuesOf(
					db,
					[last.id],
					level,
					ofLevel.map((a) => a.code)
				)
			: [];
		for (const area of ofLevel) {
			const v = stored.find((s) => s.kind === kind && s.key === key && s.areaCode === area.code);
			const open = needs.filter(
				(n) => area.communityCodes.includes(n.communityCode) && categories.includes(n.category)
			);
			rows.push({
				area,
				value: v?.value ?? null,
				goal: v?.goal ?? null,
				met: v?.met ?? null,
				count: v?.count ?? null,
				total: v?.total ?? null,
				gap: v ? gapOf(v.value, v.goal) : null,
				missing: v ? missingOf(v) : null,
				projects: projects.filter(
					(p) =>
						area.communityCodes.includes(p.communityCode) &&
						p.categoryCode !== null &&
						categories.includes(p.categoryCode)
				),
				openNeeds: open.reduce((s, n) => s + n.needs, 0),
				supporters: open.reduce((s, n) => s + n.supporters, 0)
			});
		}
	}
	return { kind, key, unit: unitOf(kind, key), year, snapshot: last, categories, rows };
}

/** The history /admin draws: the latest snapshots' targets for the city, or for each street of the scope. */
export async function targetHistory(db: Db, scope: PlanningScope, limit = 36) {
	const snapshots = await latestSnapshots(db, limit);
	const areas = ledgerAreas(scope).filter((a) => a.level === (scope.admin ? 'city' : 'street'));
	const level = scope.admin ? 'city' : 'street';
	const values = (
		await valuesOf(
			db,
			snapshots.map((s) => s.id),
			level,
			areas.map((a) => a.code)
		)
	).filter((v) => v.kind === 'target');
	return {
		snapshots,
		areas: areas.map((area) => {
			const mine = values.filter((v) => v.areaCode === area.code);
			const keys = [...new Set(mine.map((v) => v.key))].sort(
				(a, b) => rank('target', a) - rank('target', b)
			);
			return {
				code: area.code,
				name: area.name,
				targets: keys.map((key) => ({
					key,
					goal: mine.find((v) => v.key === key)!.goal,
					points: snapshots.flatMap((s) => {
						const v = mine.find((x) => x.key === key && x.snapshotId === s.id);
						return v ? [{ takenAt: s.takenAt, kind: s.kind, value: v.value, met: v.met }] : [];
					})
				}))
			};
		})
	};
}
