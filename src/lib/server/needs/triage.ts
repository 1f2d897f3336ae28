import { and, eq, ne } from 'drizzle-orm';
import { record } from '../audit';
import { transaction, type Db } from '../db';
import { need } from '../db/schema';
import { notifyNeedChanged } from './notify';
import type { TriageInput } from './schemas';
import type { NeedStatus } from './types';

export type TriageResult =
	| { status: 'ok'; needStatus: NeedStatus; notified: number }
	| { status: 'not_found' }
	| { status: 'closed' }
	| { status: 'bad_merge' };

const statusOf: Record<TriageInput['action'], NeedStatus | null> = {
	accept: 'accepted',
	merge: 'merged',
	decline: 'declined',
	answer: null
};

/** The community a need belongs to (the route checks the staff member serves it first). */
export async function communityOfNeed(db: Db, needId: number): Promise<string | null> {
	const [row] = await db
		.select({ communityCode: need.communityCode })
		.from(need)
		.where(eq(need.id, needId))
		.limit(1);
	return row?.communityCode ?? null;
}

/**
 * Staff triage a need of a community they serve: 受理 (accept), 合并到… (merge into another need of the same
 * community, where the answer is), 不纳入 (decline, with the reason), or only answer.
 * Audited and told to the person and supporters in the same transaction. 转为民生项目 is projects.create.
 */
export async function triage(
	db: Db,
	input: TriageInput & { needId: number; byUserId: number; now?: number }
): Promise<TriageResult> {
	const now = input.now ?? Date.now();
	return transaction(db, async (tx) => {
		const [row] = await tx
			.select({ communityCode: need.communityCode, status: need.status, answer: need.answer })
			.from(need)
			.where(eq(need.id, input.needId))
			.limit(1);
		if (!row) return { status: 'not_found' as const };
		if (row.status === 'merged' || row.status === 'done' || row.status === 'project')
			return { status: 'closed' as const };
		let mergedIntoId: number | null = null;
		if (input.action === 'merge') {
			const [target] = await tx
				.select({ id: need.id })
				.from(need)
				.where(
					and(
						eq(need.id, input.into),
						ne(need.id, input.needId),
						eq(need.communityCode, row.communityCode),
						ne(need.status, 'merged'),
						ne(need.status, 'declined')
					)
				)
				.limit(1);
			if (!target) return { status: 'bad_merge' as const };
			mergedIntoId = target.id;
		}
		const needStatus = statusOf[input.action] ?? row.status;
		const answer = input.answer ?? row.answer;
		await tx
			.update(need)
			.set({
				status: needStatus,
				answer,
				...(mergedIntoId ? { mergedIntoId } : {}),
				updatedAt: new Date(now)
			})
			.where(eq(need.id, input.needId));
		await record(tx, {
			actorUserId: input.byUserId,
			action: `need_${input.action}`,
			entity: 'need',
			entityId: input.needId,
			detail: { from: row.status, to: needStatus, ...(mergedIntoId ? { mergedIntoId } : {}) },
			now
		});
		const notified = await notifyNeedChanged(tx, {
			needId: input.needId,
			status: needStatus,
			answer,
			now
		});
		return { status: 'ok' as const, needStatus, notified };
	});
}
