import type { Cookies } from '@sveltejs/kit';
import { elderlySpeedMps, standardSpeedMps } from '$lib/geo';
import { resolveHome, residenceHome, type Home } from '$lib/server/coverage';
import { parseSpeed } from '$lib/server/coverage/speed';

const yearS = 365 * 24 * 60 * 60;
const cookieOptions = { path: '/', maxAge: yearS, httpOnly: true, sameSite: 'lax' } as const;

interface Person {
	homeResidenceId: number | null;
	walkingSpeed: 'standard' | 'slow' | 'custom';
	walkingSpeedMps: number | null;
}

/**
 * Home and walking speed for the life-circle page: a link's ?home= / ?speed= choose and are kept
 * in cookies (anonymous visitors too); otherwise the cookie, then the profile, then none/standard.
 */
export async function lifeCirclePreferences(
	db: App.Locals['db'],
	url: URL,
	cookies: Cookies,
	person: Person | null
) {
	let home: Home | null = null;
	const homeParam = url.searchParams.get('home');
	if (homeParam === 'none') cookies.delete('home', { path: '/' });
	else if (homeParam) {
		home = await resolveHome(db, homeParam);
		if (home) cookies.set('home', home.key, cookieOptions);
	}
	if (!home && homeParam !== 'none') home = await resolveHome(db, cookies.get('home'));
	if (!home && homeParam !== 'none' && person?.homeResidenceId)
		home = await residenceHome(db, person.homeResidenceId);

	const speedParam = url.searchParams.get('speed');
	let speedMps: number | null = null;
	if (speedParam && parseSpeed(speedParam) !== null) {
		speedMps = parseSpeed(speedParam);
		cookies.set('speed', speedParam, cookieOptions);
	}
	speedMps ??= parseSpeed(cookies.get('speed') ?? 'none');
	if (speedMps === null && person) {
		speedMps =
			person.walkingSpeed === 'slow'
				? elderlySpeedMps
				: person.walkingSpeed === 'custom' && person.walkingSpeedMps
					? person.walkingSpeedMps
					: standardSpeedMps;
	}
	return { home, speedMps: speedMps ?? standardSpeedMps };
}
