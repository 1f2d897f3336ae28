import { eq } from 'drizzle-orm';
import { immediate, type Db } from '../db';
import { serviceCategory } from '../db/schema';
import { record } from '../audit';

// Service categories for administrators: names and tier minutes.

export function updateCategory(
	db: Db,
	actorUserId: number,
	input: { code: string; nameZh: string; nameEn: string; tierMinutes: 5 | 10 | 15 }
): boolean {
	return immediate(db, (tx) => {
		const before = tx
			.select()
			.from(serviceCategory)
			.where(eq(serviceCategory.code, input.code))
			.get();
		if (!before) return false;
		tx.update(serviceCategory)
			.set({ nameZh: input.nameZh, nameEn: input.nameEn, tierMinutes: input.tierMinutes })
			.where(eq(serviceCategory.code, input.code))
			.run();
		record(tx, {
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
