import { and, desc, eq, inArray } from 'drizzle-orm';
import { record } from '../audit';
import { transaction, type Db } from '../db';
import { community, need, project, projectNote, servicePoint, serviceCategory } from '../db/schema';
import type { ProjectCoverage } from '../db/schema/needs';
import { notifyNeedChanged } from '../needs';
import type { ProjectInput, ProjectUpdateInput } from './schemas';

export type ProjectStatus = 'planned' | 'in_progress' | 'completed' | 'terminated';

export type CreateResult =
	{ status: 'ok'; id: number } | { status: 'no_category' } | { status: 'bad_needs' };

/**
 * Staff make a project for a community they serve (the route checks), from needs, a planning gap or
 * a what-if result. The needs it answers become 转为民生项目 and their people and supporters are told,
 * in the same transaction; `coverage` is the engine's what-if at the planned place, worked out by
 * the caller before (nothing outside the database happens inside the transaction).
 */
export async function create(
	db: Db,
	input: ProjectInput & { byUserId: number; coverage?: ProjectCoverage | null; now?: number }
): Promise<CreateResult> {
	const now = input.now ?? Date.now();
	const categoryCode = input.category === 'other' ? null : input.category;
	if (categoryCode) {
		const [found] = await db
			.select({ code: serviceCategory.code })
			.from(serviceCategory)
			.where(eq(serviceCategory.code, categoryCode))
			.limit(1);
		if (!found) return { status: 'no_category' };
	}
	return transaction(db, async (tx) => {
		const linked = input.needs.length
			? await tx
					.select({ id: need.id, status: need.status })
					.from(need)
					.where(and(inArray(need.id, input.needs), eq(need.communityCode, input.community)))
			: [];
		const open = linked.filter((n) => n.status === 'open' || n.status === 'accepted');
		if (open.length !== new Set(input.needs).size) return { status: 'bad_needs' as const };
		const [row] = await tx
			.insert(project)
			.values({
				communityCode: input.community,
				title: input.title,
				categoryCode,
				place: input.place,
				lng: input.lng ?? null,
				lat: input.lat ?? null,
				responsibleUnit: input.responsibleUnit,
				plannedStart: input.plannedStart,
				plannedEnd: input.plannedEnd,
				source: input.needs.length ? 'needs' : input.source,
				coverage: input.coverage ?? null,
				createdByUserId: input.byUserId,
				createdAt: new Date(now)
			})
			.returning({ id: project.id });
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'project_created',
			entity: 'project',
			entityId: row.id,
			detail: { communityCode: input.community, needs: input.needs },
			now
		});
		for (const n of open) {
			await tx
				.update(need)
				.set({ status: 'project', projectId: row.id, updatedAt: new Date(now) })
				.where(eq(need.id, n.id));
			await record(tx, {
				actorUserId: input.byUserId,
				action: 'need_project',
				entity: 'need',
				entityId: n.id,
				detail: { from: n.status, to: 'project', projectId: row.id },
				now
			});
			await notifyNeedChanged(tx, {
				needId: n.id,
				status: 'project',
				answer: input.title,
				now
			});
		}
		return { status: 'ok' as const, id: row.id };
	});
}

export type UpdateResult =
	| { status: 'ok'; needsTold: number; servicePointId: number | null }
	| { status: 'not_found' }
	| { status: 'closed' }
	| { status: 'bad_point' }
	| { status: 'no_place' };

/**
 * A new status and/or a progress note. Linked needs follow: 已完成 → 已解决 (done), 已终止 → back to
 * 已受理 with the note as the answer; their people are told. Completing may link the service point
 * it added (of the project's community, and its category when it has one).
 */
export async function update(
	db: Db,
	input: Omit<ProjectUpdateInput, 'createPoint'> & {
		createPoint?: boolean;
		projectId: number;
		byUserId: number;
		now?: number;
		/** the engine's what-if at the project's place, worked out before (kept when creating the point) */
		coverage?: ProjectCoverage | null;
	}
): Promise<UpdateResult> {
	const now = input.now ?? Date.now();
	return transaction(db, async (tx) => {
		const [row] = await tx.select().from(project).where(eq(project.id, input.projectId)).limit(1);
		if (!row) return { status: 'not_found' as const };
		if (row.status === 'completed' || row.status === 'terminated')
			return { status: 'closed' as const };
		if (input.servicePointId !== undefined) {
			const [point] = await tx
				.select({
					communityCode: servicePoint.communityCode,
					categoryCode: servicePoint.categoryCode
				})
				.from(servicePoint)
				.where(eq(servicePoint.id, input.servicePointId))
				.limit(1);
			if (
				!point ||
				point.communityCode !== row.communityCode ||
				(row.categoryCode !== null && point.categoryCode !== row.categoryCode) ||
				input.status !== 'completed'
			)
				return { status: 'bad_point' as const };
		}
		let servicePointId = input.servicePointId;
		if (input.createPoint) {
			if (input.status !== 'completed' || input.servicePointId !== undefined)
				return { status: 'bad_point' as const };
			if (row.categoryCode === null || row.lng === null || row.lat === null)
				return { status: 'no_place' as const };
			servicePointId = await createPoint(
				tx,
				row,
				input.pointName ?? row.title,
				input.byUserId,
				now
			);
		}
		await tx
			.update(project)
			.set({
				status: input.status,
				...(servicePointId !== undefined ? { servicePointId } : {}),
				...(input.createPoint && input.coverage ? { coverage: input.coverage } : {}),
				updatedAt: new Date(now)
			})
			.where(eq(project.id, input.projectId));
		if (input.note)
			await tx.insert(projectNote).values({
				projectId: input.projectId,
				text: input.note,
				byUserId: input.byUserId,
				createdAt: new Date(now)
			});
		await record(tx, {
			actorUserId: input.byUserId,
			action: 'project_updated',
			entity: 'project',
			entityId: input.projectId,
			detail: {
				from: row.status,
				to: input.status,
				...(servicePointId !== undefined ? { servicePointId } : {}),
				...(input.createPoint ? { createdPoint: true } : {})
			},
			now
		});
		let needsTold = 0;
		if (
			input.status !== row.status &&
			(input.status === 'completed' || input.status === 'terminated')
		) {
			const linked = await tx
				.select({ id: need.id })
				.from(need)
				.where(and(eq(need.projectId, input.projectId), eq(need.status, 'project')));
			const to = input.status === 'completed' ? 'done' : 'accepted';
			for (const n of linked) {
				await tx
					.update(need)
					.set({
						status: to,
						...(input.note ? { answer: input.note } : {}),
						updatedAt: new Date(now)
					})
					.where(eq(need.id, n.id));
				await record(tx, {
					actorUserId: input.byUserId,
					action: `need_${to}`,
					entity: 'need',
					entityId: n.id,
					detail: { projectId: input.projectId },
					now
				});
				needsTold += await notifyNeedChanged(tx, {
					needId: n.id,
					status: to,
					answer: input.note ?? row.title,
					now
				});
			}
		}
		return { status: 'ok' as const, needsTold, servicePointId: servicePointId ?? null };
	});
}

/**
 * The service point a completed project built: its name, the project's category, place (as the
 * address), location and community; the community's phone until staff set the point's own. The
 * public-data version moves with it (the service point triggers), so the map and the coverage
 * engine pick it up. Audited as a service point of its own.
 */
async function createPoint(
	tx: Db,
	row: typeof project.$inferSelect,
	name: string,
	byUserId: number,
	now: number
): Promise<number> {
	const [home] = await tx
		.select({ phone: community.phone })
		.from(community)
		.where(eq(community.code, row.communityCode))
		.limit(1);
	const [point] = await tx
		.insert(servicePoint)
		.values({
			name,
			categoryCode: row.categoryCode!,
			communityCode: row.communityCode,
			lng: row.lng!,
			lat: row.lat!,
			address: row.place,
			phone: home?.phone ?? '',
			openingText: ''
		})
		.returning({ id: servicePoint.id });
	await record(tx, {
		actorUserId: byUserId,
		action: 'service_point_created',
		entity: 'service_point',
		entityId: point.id,
		detail: { projectId: row.id, communityCode: row.communityCode, category: row.categoryCode },
		now
	});
	return point.id;
}

/** The community's projects, newest first (public: no person is named). */
export async function listForCommunity(db: Db, communityCode: string) {
	return db
		.select({
			id: project.id,
			title: project.title,
			categoryCode: project.categoryCode,
			status: project.status,
			place: project.place,
			responsibleUnit: project.responsibleUnit,
			plannedStart: project.plannedStart,
			plannedEnd: project.plannedEnd,
			servicePointId: project.servicePointId,
			source: project.source
		})
		.from(project)
		.where(eq(project.communityCode, communityCode))
		.orderBy(desc(project.createdAt), desc(project.id))
		.limit(200);
}

/** One project with its notes and linked needs (public ones only, for the page). */
export async function get(db: Db, projectId: number) {
	const [row] = await db.select().from(project).where(eq(project.id, projectId)).limit(1);
	if (!row) return null;
	const notes = await db
		.select({ id: projectNote.id, text: projectNote.text, createdAt: projectNote.createdAt })
		.from(projectNote)
		.where(eq(projectNote.projectId, projectId))
		.orderBy(desc(projectNote.createdAt), desc(projectNote.id));
	const needs = await db
		.select({ id: need.id, text: need.text, status: need.status, supporters: need.supporters })
		.from(need)
		.where(and(eq(need.projectId, projectId), eq(need.public, true)));
	const [point] = row.servicePointId
		? await db
				.select({ id: servicePoint.id, name: servicePoint.name })
				.from(servicePoint)
				.where(eq(servicePoint.id, row.servicePointId))
				.limit(1)
		: [];
	return {
		...row,
		createdAt: row.createdAt.getTime(),
		notes: notes.map((n) => ({ ...n, createdAt: n.createdAt.getTime() })),
		needs,
		point: point ?? null
	};
}
