import { eq } from 'drizzle-orm';
import { transaction, type Db } from '../db';
import { community, familyLink, residence, staffScope, user } from '../db/schema';
import { hashPassword } from '../auth/password';
import { demoAccounts, demoPassword, type DemoAccount } from '../accounts/demo';
import { consentNow } from '../accounts/privacy';

async function communityCodeByName(db: Db, name: string): Promise<string> {
	const [row] = await db
		.select({ code: community.code })
		.from(community)
		.where(eq(community.name, name))
		.limit(1);
	if (!row) throw new Error(`demo city has no community named ${name}`);
	return row.code;
}

/** The demo accounts of DESIGN.md, present only in the demo dataset. */
export async function seedDemoAccounts(db: Db): Promise<DemoAccount[]> {
	const shengli = await communityCodeByName(db, '胜利社区');
	const wuyi = await communityCodeByName(db, '五一社区');
	const home = await db
		.select({ id: residence.id })
		.from(residence)
		.where(eq(residence.communityCode, shengli))
		.orderBy(residence.id)
		.limit(2);
	// hashed before the transaction: nothing but the database is awaited inside one
	const passwordHash = await hashPassword(demoPassword);
	const currentYear = new Date().getUTCFullYear();
	await transaction(db, async (tx) => {
		const ids = new Map<string, number>();
		for (const account of demoAccounts) {
			const elder = account.phone === '13900000002';
			const [row] = await tx
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
					phoneVerifiedAt: new Date(),
					// the demo's made-up residents have read the privacy notice (a real one is asked)
					...(account.role === 'resident' ? consentNow() : {})
				})
				.returning({ id: user.id });
			ids.set(account.phone, row.id);
		}
		await tx.insert(staffScope).values([
			{ userId: ids.get('13900000011')!, communityCode: shengli },
			{ userId: ids.get('13900000012')!, communityCode: wuyi }
		]);
		await tx.insert(familyLink).values({
			carerUserId: ids.get('13900000003')!,
			elderUserId: ids.get('13900000002')!,
			invitedPhone: '13900000002',
			confirmedAt: new Date(),
			confirmedByUserId: ids.get('13900000002')!
		});
	});
	return demoAccounts;
}
