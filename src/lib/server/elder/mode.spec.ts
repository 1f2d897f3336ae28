import { describe, expect, it } from 'vitest';
import { isElderPath, standardPageFor } from './mode';

describe('长辈版 switch', () => {
	it('treats /elder and its sub-pages as 长辈版 pages, and nothing else', () => {
		expect(isElderPath('/elder')).toBe(true);
		expect(isElderPath('/elder/places/meal')).toBe(true);
		expect(isElderPath('/elderly')).toBe(false);
		expect(isElderPath('/map')).toBe(false);
	});

	it('leads back to the same standard page', () => {
		expect(standardPageFor('/map?home=r:1')).toBe('/map?home=r:1');
		expect(standardPageFor('/communities')).toBe('/communities');
	});

	it('leads from a 长辈版 page to its standard twin, not to the home page', () => {
		const lookup = { servicePointOfSlot: (slot: number) => (slot === 77 ? 5 : null) };
		const twin = (path: string) => standardPageFor(path, lookup);
		expect(twin('/elder')).toBe('/');
		expect(twin('/elder/places/meal')).toBe('/map?category=meal');
		expect(twin('/elder/places/clinic?home=r:12')).toBe('/map?category=clinic&home=r%3A12');
		expect(twin('/elder/places/%3Cx%3E')).toBe('/map');
		expect(twin('/elder/home?community=620201001002')).toBe('/map');
		expect(twin('/elder/times/5')).toBe('/service-points/5');
		expect(twin('/elder/confirm/77')).toBe('/service-points/5/book?slot=77');
		expect(twin('/elder/bookings')).toBe('/bookings');
		expect(twin('/elder/bookings/3?new=1')).toBe('/bookings/3/slip');
		expect(twin('/elder/bookings/3/cancel')).toBe('/bookings/3#cancel');
		expect(twin('/elder/more')).toBe('/');
	});

	it('falls back to a list or the home page when the id is bad or unknown', () => {
		const lookup = { servicePointOfSlot: () => null };
		expect(standardPageFor('/elder/times/abc', lookup)).toBe('/');
		expect(standardPageFor('/elder/times/0', lookup)).toBe('/');
		expect(standardPageFor('/elder/confirm/99999', lookup)).toBe('/');
		expect(standardPageFor('/elder/confirm/77')).toBe('/');
		expect(standardPageFor('/elder/bookings/-1', lookup)).toBe('/bookings');
	});

	it('never follows a link off the site', () => {
		expect(standardPageFor('//evil.example/')).toBe('/');
		expect(standardPageFor('https://evil.example/')).toBe('/');
		expect(standardPageFor('/\\evil.example')).toBe('/');
		expect(standardPageFor(null)).toBe('/');
	});
});
