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
import { requireAdmin, requireStaff, requireUser } from './guards';
import { validate, create, generateSessionToken, type SessionUser } from './session';

let db: ReturnType<typeof useTestDatabase>;
beforeEach(() => {
	db = useTestDatabase();
});

async function signedIn(options: Parameters<typeof addUser>[0]): Promise<SessionUser> {
	const { id } = await addUser(options);
	const token = generateSessionToken();
	create(db, token, id, null);
	const { user } = validate(db, token);
	if (!user) throw new Error('no session');
	return user;
}

const event = (user: SessionUser | null, path = '/profile', method = 'GET') => ({
	locals: { db, user, session: null, elderMode: false },
	url: new URL(`http://localhost${path}`),
	request: new Request(`http://localhost${path}`, { method })
});

function outcome(fn: () => unknown): string | number {
	try {
		fn();
		return 'ok';
	} catch (e) {
		if (isRedirect(e)) return `${e.status} ${e.location}`;
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

describe('guards', () => {
	it('send anonymous page visitors to login and back; the API answers 401', () => {
		expect(outcome(() => requireUser(event(null, '/profile/family?x=1')))).toBe(
			'303 /login?next=%2Fprofile%2Ffamily%3Fx%3D1'
		);
		expect(outcome(() => requireUser(event(null, '/profile?/save', 'POST')))).toBe(
			'303 /login?next=%2Fprofile'
		);
		expect(outcome(() => requireUser(event(null, '/api/v1/me')))).toBe(401);
	});

	it('let staff through for their community and its street scope only; admins everywhere', async () => {
		const resident = await signedIn({});
		const staff = await signedIn({ role: 'staff', scopes: [{ communityCode: shengli }] });
		const streetStaff = await signedIn({ role: 'staff', scopes: [{ streetCode: xiongguan }] });
		const admin = await signedIn({ role: 'admin' });
		expect(outcome(() => requireStaff(event(resident), shengli))).toBe(403);
		expect(outcome(() => requireStaff(event(staff), shengli))).toBe('ok');
		expect(outcome(() => requireStaff(event(staff), wuyi))).toBe(403);
		expect(outcome(() => requireStaff(event(streetStaff), wuyi))).toBe('ok');
		expect(outcome(() => requireStaff(event(streetStaff), otherStreetCommunity))).toBe(403);
		expect(outcome(() => requireStaff(event(admin), otherStreetCommunity))).toBe('ok');
		expect(outcome(() => requireStaff(event(staff)))).toBe('ok');
		expect(outcome(() => requireStaff(event(resident)))).toBe(403);
		expect(outcome(() => requireAdmin(event(staff)))).toBe(403);
		expect(outcome(() => requireAdmin(event(admin)))).toBe('ok');
		expect(servesCommunity(db, staff.id, '999999999999')).toBe(false);
		expect(communitiesServed(db, streetStaff.id)).toEqual([shengli, wuyi].sort());
	});
});
