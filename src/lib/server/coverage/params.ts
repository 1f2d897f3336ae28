import { m } from '$lib/paraglide/messages';
import type { LngLat } from '$lib/geo';
import { parseSpeed } from './speed';
import { isochroneMinutes } from './queries';
import { parseId } from '../params';
import type { Code } from '../refusal';

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: Code; message: string };

const decimal = /^-?\d{1,3}(\.\d{1,12})?$/;

export function parseSpeedParam(params: URLSearchParams): Parsed<number> {
	const speed = parseSpeed(params.get('speed'));
	return speed === null
		? { ok: false, code: 'invalid_input', message: m.error_bad_speed() }
		: { ok: true, value: speed };
}

function parsePoint(params: URLSearchParams): Parsed<LngLat> {
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
		return { ok: false, code: 'invalid_input', message: m.error_bad_lat_lng() };
	}
	return { ok: true, value: [lngValue, latValue] };
}

/** ?lat=&lng=&to=servicePointId for /api/walking-route */
export function parseRouteQuery(
	params: URLSearchParams
): Parsed<{ point: LngLat; servicePointId: number }> {
	const point = parsePoint(params);
	if (!point.ok) return point;
	const servicePointId = parseId(params.get('to'));
	if (servicePointId === null)
		return { ok: false, code: 'invalid_input', message: m.error_bad_id() };
	return { ok: true, value: { point: point.value, servicePointId } };
}

/** ?lat=&lng=&minutes=5|10|15&speed=… for /api/isochrone */
export function parseIsochroneQuery(
	params: URLSearchParams
): Parsed<{ point: LngLat; minutes: number; speedMps: number }> {
	const point = parsePoint(params);
	if (!point.ok) return point;
	const minutesText = params.get('minutes') ?? '15';
	const minutes = Number(minutesText);
	if (!(isochroneMinutes as readonly number[]).includes(minutes) || !/^\d+$/.test(minutesText)) {
		return { ok: false, code: 'invalid_input', message: m.error_bad_minutes() };
	}
	const speed = parseSpeedParam(params);
	if (!speed.ok) return speed;
	return { ok: true, value: { point: point.value, minutes, speedMps: speed.value } };
}
