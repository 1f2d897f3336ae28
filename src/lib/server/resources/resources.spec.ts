import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, resource } from '../db/schema';
import { readSource, sourceVersion } from '../coverage/source';
import { createFixture } from '../testing/booking';
import { add, communityOf, list, remove, resourceInput } from '.';

function input(raw: Record<string, string>) {
	const parsed = resourceInput.safeParse({
		community: '620201001001',
		name: '钢铁公司职工食堂',
		kind: 'other',
		owner: '驻区单位',
		...raw
	});
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
	return parsed.data;
}

describe('服务资源清单', () => {
	it('a resource with a service category and a location counts in coverage, others do not', async () => {
		const f = await createFixture(1);
		const before = await sourceVersion(f.db);
		const canteen = await add(f.db, {
			resource: input({ category: 'meal', lng: '98.291', lat: '39.801' }),
			byUserId: f.staffId
		});
		await add(f.db, {
			resource: input({ name: '停车场', kind: 'parking', lng: '98.292', lat: '39.802' }),
			byUserId: f.staffId
		});
		expect(canteen.status).toBe('ok');
		const id = canteen.status === 'ok' ? canteen.id : 0;
		expect(await sourceVersion(f.db)).not.toBe(before);
		const facilities = (await readSource(f.db)).facilities;
		expect(facilities.filter((x) => Number(x.id) < 0)).toEqual([
			{ id: String(-id), category: 'meal', point: [98.291, 39.801] }
		]);
		expect((await list(f.db, '620201001001')).map((r) => r.name)).toEqual([
			'停车场',
			'钢铁公司职工食堂'
		]);
		expect(await communityOf(f.db, id)).toBe('620201001001');
		expect(await f.db.select().from(auditLog).where(eq(auditLog.entity, 'resource'))).toHaveLength(
			2
		);

		expect((await remove(f.db, { id, byUserId: f.staffId })).status).toBe('ok');
		expect((await remove(f.db, { id, byUserId: f.staffId })).status).toBe('not_found');
		expect((await readSource(f.db)).facilities.filter((x) => Number(x.id) < 0)).toEqual([]);
		expect(await list(f.db, '620201001001')).toHaveLength(1);
	});

	it('refuses an unknown category and half a location, writing nothing', async () => {
		const f = await createFixture(1);
		expect(
			(await add(f.db, { resource: input({ category: 'casino' }), byUserId: f.staffId })).status
		).toBe('unknown_category');
		expect(await f.db.select().from(resource)).toHaveLength(0);
		expect(resourceInput.safeParse({ ...input({}), lng: '98.2' }).success).toBe(false);
		expect(resourceInput.safeParse({ ...input({}), name: '' }).success).toBe(false);
		expect(resourceInput.safeParse({ ...input({}), kind: 'castle' }).success).toBe(false);
	});
});
