import { beforeEach, describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import {
	otherStreetCommunity,
	shengli,
	useTestDatabase,
	wuyi,
	xiongguan
} from '../testing/database';
import { addUser } from '../testing/accounts';
import { communitiesServed, servesCommunity } from './scopes';
import { requireAdmin, requireStaff, requireStaffFor, requireUser } from './guards';
import type { Db } from '../db';
import { validate, create, generateSessionToken, type SessionUser } from './session';

let db: Db;
beforeEach(async () => {
	db = await useTestDatabase();
});

async function signedIn(options: Parameters<typeof addUser>[0]): Promise<SessionUser> {
	const { id } = await addUser(options);
	const token = generateSessionToken();
	await create(db, token, id, null);
	const { user } = await validate(db, token);
	if (!user) throw new Error('no session');
	return user;
}

const event = (user: SessionUser | null, path = '/profile', method = 'GET') => ({
	locals: { db, user, session: null, elderMode: false },
	url: new URL(`http://localhost${path}`),
	request: new Request(`http://localhost${path}`, { method })
});

async function outcome(fn: () => unknown): Promise<string | number> {
	try {
		await fn();
		return 'ok';
	} catch (e) {
		if (isRedirect(e)) return `${e.status} ${e.location}`;
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

describe('guards', () => {
	it('send anonymous page visitors to login and back; the API answers 401', async () => {
		expect(await outcome(() => requireUser(event(null, '/profile/family?x=1')))).toBe(
			'303 /login?next=%2Fprofile%2Ffamily%3Fx%3D1'
		);
		expect(await outcome(() => requireUser(event(null, '/profile?/save', 'POST')))).toBe(
			'303 /login?next=%2Fprofile'
		);
		expect(await outcome(() => requireUser(event(null, '/api/v1/me')))).toBe(401);
	});

	it('let staff through for their community and its street scope only; admins everywhere', async () => {
		const resident = await signedIn({});
		const staff = await signedIn({ role: 'staff', scopes: [{ communityCode: shengli }] });
		const streetStaff = await signedIn({ role: 'staff', scopes: [{ streetCode: xiongguan }] });
		const admin = await signedIn({ role: 'admin' });
		expect(await outcome(() => requireStaffFor(event(resident), shengli))).toBe(403);
		expect(await outcome(() => requireStaffFor(event(staff), shengli))).toBe('ok');
		expect(await outcome(() => requireStaffFor(event(staff), wuyi))).toBe(403);
		expect(await outcome(() => requireStaffFor(event(streetStaff), wuyi))).toBe('ok');
		expect(await outcome(() => requireStaffFor(event(streetStaff), otherStreetCommunity))).toBe(
			403
		);
		expect(await outcome(() => requireStaffFor(event(admin), otherStreetCommunity))).toBe('ok');
		expect(await outcome(() => requireStaff(event(staff)))).toBe('ok');
		expect(await outcome(() => requireStaff(event(resident)))).toBe(403);
		expect(await outcome(() => requireAdmin(event(staff)))).toBe(403);
		expect(await outcome(() => requireAdmin(event(admin)))).toBe('ok');
		expect(await servesCommunity(db, staff.id, '999999999999')).toBe(false);
		expect(await communitiesServed(db, streetStaff.id)).toEqual([shengli, wuyi].sort());
	});
});
