import { describe, expect, it } from 'vitest';
import { isElderPath, standardPageFor } from './mode';

describe('长辈版 switch', () => {
	it('treats /elder and its sub-pages as 长辈版 pages, and nothing else', () => {
		expect(isElderPath('/elder')).toBe(true);
		expect(isElderPath('/elder/places/meal')).toBe(true);
		expect(isElderPath('/elderly')).toBe(false);
		expect(isElderPath('/map')).toBe(false);
	});

	it('leads back to the same standard page, or to its standard twin', () => {
		expect(standardPageFor('/map?home=r:1')).toBe('/map?home=r:1');
		expect(standardPageFor('/elder')).toBe('/');
		expect(standardPageFor('/elder/places/meal')).toBe('/');
		expect(standardPageFor('/elder/bookings/3')).toBe('/bookings');
	});

	it('never follows a link off the site', () => {
		expect(standardPageFor('//evil.example/')).toBe('/');
		expect(standardPageFor('https://evil.example/')).toBe('/');
		expect(standardPageFor('/\\evil.example')).toBe('/');
		expect(standardPageFor(null)).toBe('/');
	});
});
