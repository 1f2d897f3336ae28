// Test set-up: people in the small city of testing/database.ts, all with one known password.
import { getDb, transaction } from '../db';
import { staffScope, user } from '../db/schema';
import { hashPassword } from '../auth/password';
import { shengli } from './database';

let passwordHash: Promise<string> | undefined;
export const testPassword = 'correct horse battery';

let next = 0;
export function freshPhone(): string {
	next++;
	return `137${String(next).padStart(8, '0')}`;
}

export async function addUser(
	options: {
		phone?: string;
		name?: string;
		role?: 'resident' | 'staff' | 'admin';
		communityCode?: string;
		scopes?: { communityCode?: string; streetCode?: string }[];
	} = {}
) {
	passwordHash ??= hashPassword(testPassword);
	// hashed before the transaction: nothing but the database is awaited inside one
	const hash = await passwordHash;
	const phone = options.phone ?? freshPhone();
	const id = await transaction(getDb(), async (tx) => {
		const [row] = await tx
			.insert(user)
			.values({
				phone,
				name: options.name ?? '测试居民',
				role: options.role ?? 'resident',
				communityCode: options.communityCode ?? shengli,
				passwordHash: hash
			})
			.returning({ id: user.id });
		for (const scope of options.scopes ?? []) {
			await tx.insert(staffScope).values({ userId: row.id, ...scope });
		}
		return row.id;
	});
	return { id, phone };
}
