import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { staffScope } from '../db/schema';
import { servesCommunity } from '../auth/scopes';
import type { NoticeTarget } from './schemas';

/** Who publishes where: staff of the community (or of its street), street staff for their street, administrators anywhere. */
export async function mayPublish(
	db: Db,
	user: { id: number; role: string },
	target: NoticeTarget
): Promise<boolean> {
	if (user.role === 'admin') return true;
	if (user.role !== 'staff') return false;
	switch (target.scope) {
		case 'community':
			return await servesCommunity(db, user.id, target.community);
		case 'street': {
			const [row] = await db
				.select({ id: staffScope.id })
				.from(staffScope)
				.where(and(eq(staffScope.userId, user.id), eq(staffScope.streetCode, target.street)))
				.limit(1);
			return Boolean(row);
		}
		case 'city':
			return false;
	}
}
