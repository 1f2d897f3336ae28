import { eq } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { serviceCategory } from '../db/schema';
import { record } from '../audit';

// Service categories for administrators: names and tier minutes.

export async function updateCategory(
	db: Db,
	actorUserId: number,
	input: { code: string; nameZh: string; nameEn: string; tierMinutes: 5 | 10 | 15 }
): Promise<boolean> {
	return transaction(db, async (tx) => {
		const [before] = await tx
			.select()
			.from(serviceCategory)
			.where(eq(serviceCategory.code, input.code))
			.limit(1);
		if (!before) return false;
		await tx
			.update(serviceCategory)
			.set({ nameZh: input.nameZh, nameEn: input.nameEn, tierMinutes: input.tierMinutes })
			.where(eq(serviceCategory.code, input.code));
		await record(tx, {
			actorUserId,
			action: 'update',
			entity: 'service_category',
			detail: {
				code: input.code,
				tierBefore: before.tierMinutes,
				tierAfter: input.tierMinutes
			}
		});
		return true;
	});
}
