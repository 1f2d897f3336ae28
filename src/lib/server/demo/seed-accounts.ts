import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { community, familyLink, residence, staffScope, user } from '../db/schema';
import { hashPassword } from '../auth/password';
import { demoAccounts, demoPassword, type DemoAccount } from '../accounts/demo';

function communityCodeByName(db: Db, name: string): string {
	const row = db
		.select({ code: community.code })
		.from(community)
		.where(eq(community.name, name))
		.get();
	if (!row) throw new Error(`demo city has no community named ${name}`);
	return row.code;
}

/** The demo accounts of DESIGN.md, present only in the demo dataset. */
export async function seedDemoAccounts(db: Db): Promise<DemoAccount[]> {
	const shengli = communityCodeByName(db, '胜利社区');
	const wuyi = communityCodeByName(db, '五一社区');
	const home = db
		.select({ id: residence.id })
		.from(residence)
		.where(eq(residence.communityCode, shengli))
		.orderBy(residence.id)
		.limit(2)
		.all();
	const passwordHash = await hashPassword(demoPassword);
	const currentYear = new Date().getUTCFullYear();
	const ids = new Map<string, number>();
	db.$client.transaction(() => {
		for (const account of demoAccounts) {
			const elder = account.phone === '13900000002';
			const [row] = db
				.insert(user)
				.values({
					phone: account.phone,
					name: account.name,
					passwordHash,
					role: account.role,
					communityCode: account.phone === '13900000012' ? wuyi : shengli,
					homeResidenceId: account.role === 'resident' ? home[elder ? 1 : 0]?.id : null,
					birthYear: elder
						? currentYear - 78
						: account.phone === '13900000003'
							? currentYear - 46
							: null,
					walkingSpeed: elder ? 'slow' : 'standard',
					elderMode: elder,
					phoneVerifiedAt: new Date()
				})
				.returning({ id: user.id })
				.all();
			ids.set(account.phone, row.id);
		}
		db.insert(staffScope)
			.values([
				{ userId: ids.get('13900000011')!, communityCode: shengli },
				{ userId: ids.get('13900000012')!, communityCode: wuyi }
			])
			.run();
		db.insert(familyLink)
			.values({
				carerUserId: ids.get('13900000003')!,
				elderUserId: ids.get('13900000002')!,
				invitedPhone: '13900000002',
				confirmedAt: new Date(),
				confirmedByUserId: ids.get('13900000002')!
			})
			.run();
	})();
	return demoAccounts;
}
