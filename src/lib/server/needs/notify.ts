import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { need, needSupport, notification } from '../db/schema';
import type { NeedStatus } from './types';

/**
 * A need's person and its supporters are told in the portal (消息) when its status or answer changes,
 * in the transaction of the change. No text message: a need is not urgent, and supporters gave no
 * consent to be texted about someone else's need.
 */
export async function notifyNeedChanged(
	tx: Db,
	input: {
		needId: number;
		status: NeedStatus;
		answer: string | null;
		projectTitle?: string;
		now: number;
	}
): Promise<number> {
	const [row] = await tx
		.select({ userId: need.userId, text: need.text })
		.from(need)
		.where(eq(need.id, input.needId))
		.limit(1);
	if (!row) return 0;
	const supporters = await tx
		.select({ userId: needSupport.userId })
		.from(needSupport)
		.where(eq(needSupport.needId, input.needId));
	const recipients = new Set<number>();
	if (row.userId !== null) recipients.add(row.userId);
	for (const s of supporters) recipients.add(s.userId);
	const excerpt = row.text.length > 30 ? `${row.text.slice(0, 30)}…` : row.text;
	for (const userId of recipients) {
		await tx.insert(notification).values({
			userId,
			kind: 'need_updated',
			payload: {
				needId: input.needId,
				needStatus: input.status,
				needText: excerpt,
				audience: userId === row.userId ? 'self' : 'supporter',
				...(input.answer ? { reply: input.answer } : {}),
				...(input.projectTitle ? { projectTitle: input.projectTitle } : {})
			},
			createdAt: new Date(input.now)
		});
	}
	return recipients.size;
}
