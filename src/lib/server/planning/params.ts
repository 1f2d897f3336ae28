import { parseWholeNumber } from '../numbers';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import { categoryList, type SpeedName } from './coverage-view';

function bad(name: string): never {
	error(400, { code: 'invalid_input', message: m.error_bad_parameter({ name }) });
}

/** One of the known values, the default when absent, else 400 with a message in the user's language. */
export function oneOf<T extends string>(
	url: URL,
	name: string,
	allowed: readonly T[],
	fallback: T
): T {
	const value = url.searchParams.get(name);
	if (value === null || value === '') return fallback;
	if (!allowed.includes(value as T)) bad(name);
	return value as T;
}

export function speedParam(url: URL): SpeedName {
	return oneOf(url, 'speed', ['standard', 'elderly'] as const, 'standard');
}

export function integerParam(url: URL, name: string, min: number, max: number): number | null {
	const value = url.searchParams.get(name);
	if (value === null || value === '') return null;
	// canonical decimal text only: "0x10", "1e1" or " 5" are not a number someone typed
	const n = parseWholeNumber(value);
	if (n === null || n < min || n > max) bad(name);
	return n;
}

export function coordinateParams(url: URL): [number, number] | null {
	const lng = url.searchParams.get('lng');
	const lat = url.searchParams.get('lat');
	if (!lng && !lat) return null;
	const point = [Number(lng), Number(lat)] as [number, number];
	if (
		!lng ||
		!lat ||
		!point.every(Number.isFinite) ||
		Math.abs(point[0]) > 180 ||
		Math.abs(point[1]) > 90
	)
		error(400, { code: 'invalid_input', message: m.error_bad_lat_lng() });
	return point;
}

/** The planning pages' categories and the one `?category=` chooses (the first when absent). */
export async function chosenCategory(db: Db, url: URL) {
	const categories = await categoryList(db);
	const codes = categories.map((c) => c.code);
	return { categories, category: oneOf(url, 'category', codes, codes[0]) };
}
