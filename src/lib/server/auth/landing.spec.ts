import { describe, expect, it } from 'vitest';
import { homeOf, landingAfterSignIn, loginReason, safeNext } from './landing';

const cookies = (elder?: string) => ({
	get: (name: string) => (name === 'elder' ? elder : undefined)
});

describe('safeNext: where a login may send the browser', () => {
	it('keeps a path on this site, with its query and fragment', () => {
		expect(safeNext('/service-points/12/book?slot=34')).toBe('/service-points/12/book?slot=34');
		expect(safeNext('/bookings#waitlist')).toBe('/bookings#waitlist');
	});

	it('percent-encodes what would be unsafe in a Location header', () => {
		expect(safeNext('/communities/胜利')).toBe('/communities/%E8%83%9C%E5%88%A9');
		expect(safeNext('/map?q=a b')).toBe('/map?q=a%20b');
	});

	it.each([
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'/\\/evil.example',
		'\\\\evil.example',
		'https://evil.example/',
		'http:/evil.example',
		'javascript:alert(1)',
		'evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		' /map',
		'',
		'/' + 'a'.repeat(3000)
	])('refuses %j (another site, or not a plain path)', (next) => {
		expect(safeNext(next)).toBeNull();
	});

	it('leaves an encoded newline encoded (a path on this site, never a header break)', () => {
		expect(safeNext('/%0a/evil')).toBe('/%0a/evil');
	});

	it('does not send people back to the login, logout or registration pages, or the home page', () => {
		for (const next of ['/login', '/login?next=/x', '/logout', '/register/verify', '/', '/?a=1'])
			expect(safeNext(next)).toBeNull();
		expect(safeNext('/login-help')).toBe('/login-help');
	});
});

describe('homeOf: a person lands on their own home', () => {
	it('administrators on /admin, staff on /staff, residents on the map', () => {
		expect(homeOf({ role: 'admin', elderMode: false })).toBe('/admin');
		expect(homeOf({ role: 'staff', elderMode: false })).toBe('/staff');
		expect(homeOf({ role: 'resident', elderMode: false })).toBe('/map');
	});

	it('elders (长辈版 in the profile, or switched on before logging in) on /elder', () => {
		expect(homeOf({ role: 'resident', elderMode: true })).toBe('/elder');
		expect(homeOf({ role: 'resident', elderMode: false }, true)).toBe('/elder');
	});

	it('the role comes before the text size', () => {
		expect(homeOf({ role: 'staff', elderMode: true }, true)).toBe('/staff');
		expect(homeOf({ role: 'admin', elderMode: true })).toBe('/admin');
	});
});

describe('landingAfterSignIn', () => {
	const resident = { role: 'resident', elderMode: false } as const;

	it('goes to a safe next, else home', () => {
		expect(landingAfterSignIn(resident, cookies(), '/bookings')).toBe('/bookings');
		expect(landingAfterSignIn(resident, cookies(), null)).toBe('/map');
		expect(landingAfterSignIn(resident, cookies(), '//evil.example')).toBe('/map');
		expect(landingAfterSignIn(resident, cookies('1'), '/')).toBe('/elder');
		expect(landingAfterSignIn(resident, cookies('0'), undefined)).toBe('/map');
	});
});

describe('loginReason: the login page says why the visitor is there', () => {
	it.each([
		['/service-points/3/book?slot=9', 'book'],
		['/service-points/3', 'book'],
		['/elder/confirm/9', 'book'],
		['/bookings/5', 'bookings'],
		['/elder/bookings', 'bookings'],
		['/notifications', 'notifications'],
		['/profile/family', 'profile'],
		['/staff/points/4', 'staff'],
		['/admin/gaps', 'admin'],
		['/needs/new', 'other'],
		['//evil.example', null],
		[null, null]
	])('%j → %j', (next, reason) => {
		expect(loginReason(next)).toBe(reason);
	});
});
