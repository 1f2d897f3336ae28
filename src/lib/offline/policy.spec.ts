import { describe, expect, it } from 'vitest';
import { dataPath, keepablePaths, keepLimit, personalKey, personOf, slipBookingId } from './policy';

const origin = 'https://shq.example.cn';
const url = (path: string) => new URL(path, origin);

describe('what the service worker keeps for use without signal', () => {
	it('keeps 我的预约, booking pages and slips (standard and 长辈版), page and data', () => {
		for (const path of [
			'/bookings',
			'/bookings/12',
			'/bookings/12/slip',
			'/bookings/12/slip/__data.json',
			'/bookings/__data.json',
			'/elder/bookings',
			'/elder/bookings/7',
			'/elder/bookings/7/__data.json'
		]) {
			expect(personalKey(url(path), origin), path).toBe(path);
		}
	});

	it('keys a page by its path: a banner query or SvelteKit’s invalidation flags are not a new page', () => {
		expect(personalKey(url('/bookings/12?new=1'), origin)).toBe('/bookings/12');
		expect(
			personalKey(url('/bookings/12/slip/__data.json?x-sveltekit-invalidated=01'), origin)
		).toBe('/bookings/12/slip/__data.json');
	});

	it('keeps nothing else: other pages, the calendar file, cancel and rate forms, other origins', () => {
		for (const path of [
			'/',
			'/map',
			'/profile',
			'/bookings/12/calendar.ics',
			'/bookings/12/rate',
			'/elder/bookings/7/cancel',
			'/bookings/abc/slip',
			'/staff',
			'/api/v1/bookings'
		]) {
			expect(personalKey(url(path), origin), path).toBeNull();
		}
		expect(personalKey(new URL('https://evil.example/bookings'), origin)).toBeNull();
	});

	it('data paths follow SvelteKit’s naming', () => {
		expect(dataPath('/bookings/12/slip')).toBe('/bookings/12/slip/__data.json');
		expect(dataPath('/')).toBe('/__data.json');
	});

	it('a keep message asks only for personal pages, without repeats, at most keepLimit', () => {
		expect(
			keepablePaths(
				[
					'/bookings',
					'/bookings',
					'/bookings/3/slip',
					'/map',
					'https://evil.example/x',
					5,
					'//evil/x'
				],
				origin
			)
		).toEqual(['/bookings', '/bookings/3/slip']);
		expect(keepablePaths('nope', origin)).toEqual([]);
		const many = Array.from({ length: 100 }, (_, i) => `/bookings/${i + 1}/slip`);
		expect(keepablePaths(many, origin)).toHaveLength(keepLimit);
	});

	it('reads whose page an answer is: an id, nobody, or not said', () => {
		expect(personOf(new Headers({ 'x-lifecircle-person': '42' }))).toBe('42');
		expect(personOf(new Headers({ 'x-lifecircle-person': '' }))).toBe('');
		expect(personOf(new Headers({ 'x-lifecircle-person': '../x' }))).toBe('');
		expect(personOf(new Headers())).toBeNull();
	});

	it('knows which booking a kept page belongs to', () => {
		expect(slipBookingId('/bookings/12/slip')).toBe(12);
		expect(slipBookingId('/bookings/12/slip/__data.json')).toBe(12);
		expect(slipBookingId('/elder/bookings/7')).toBe(7);
		expect(slipBookingId('/bookings')).toBeNull();
	});
});
