// Test set-up: people in the small city of testing/database.ts, all with one known password.
import { getDb } from '../db';
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
	const db = getDb();
	const phone = options.phone ?? freshPhone();
	const row = db
		.insert(user)
		.values({
			phone,
			name: options.name ?? '测试居民',
			role: options.role ?? 'resident',
			communityCode: options.communityCode ?? shengli,
			passwordHash: await passwordHash
		})
		.returning({ id: user.id })
		.get();
	for (const scope of options.scopes ?? []) {
		db.insert(staffScope)
			.values({ userId: row.id, ...scope })
			.run();
	}
	return { id: row.id, phone };
}
