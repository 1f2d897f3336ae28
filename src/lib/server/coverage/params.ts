import { m } from '$lib/paraglide/messages';
import type { LngLat } from '$lib/geo';
import { parseSpeed } from './speed';
import { isochroneMinutes } from './queries';

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const decimal = /^-?\d{1,3}(\.\d{1,12})?$/;

export function parseSpeedParam(params: URLSearchParams): Parsed<number> {
	const speed = parseSpeed(params.get('speed'));
	return speed === null
		? { ok: false, code: 'bad_speed', message: m.error_bad_speed() }
		: { ok: true, value: speed };
}

/** ?lat=&lng=&minutes=5|10|15&speed=… for /api/isochrone */
export function parseIsochroneQuery(
	params: URLSearchParams
): Parsed<{ point: LngLat; minutes: number; speedMps: number }> {
	const lat = params.get('lat') ?? '';
	const lng = params.get('lng') ?? '';
	const latValue = Number(lat);
	const lngValue = Number(lng);
	if (
		!decimal.test(lat) ||
		!decimal.test(lng) ||
		Math.abs(latValue) > 90 ||
		Math.abs(lngValue) > 180
	) {
		return { ok: false, code: 'bad_lat_lng', message: m.error_bad_lat_lng() };
	}
	const minutesText = params.get('minutes') ?? '15';
	const minutes = Number(minutesText);
	if (!(isochroneMinutes as readonly number[]).includes(minutes) || !/^\d+$/.test(minutesText)) {
		return { ok: false, code: 'bad_minutes', message: m.error_bad_minutes() };
	}
	const speed = parseSpeedParam(params);
	if (!speed.ok) return speed;
	return { ok: true, value: { point: [lngValue, latValue], minutes, speedMps: speed.value } };
}
