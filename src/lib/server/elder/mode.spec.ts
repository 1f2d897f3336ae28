import { describe, expect, it } from 'vitest';
import { isElderPath, standardPageFor } from './mode';

describe('长辈版 switch', () => {
	it('treats /elder and its sub-pages as 长辈版 pages, and nothing else', async () => {
		expect(isElderPath('/elder')).toBe(true);
		expect(isElderPath('/elder/places/meal')).toBe(true);
		expect(isElderPath('/elderly')).toBe(false);
		expect(isElderPath('/map')).toBe(false);
	});

	it('leads back to the same standard page', async () => {
		expect(await standardPageFor('/map?home=r:1')).toBe('/map?home=r:1');
		expect(await standardPageFor('/communities')).toBe('/communities');
	});

	it('leads from a 长辈版 page to its standard twin, not to the home page', async () => {
		const lookup = { servicePointOfSlot: async (slot: number) => (slot === 77 ? 5 : null) };
		const twin = (path: string) => standardPageFor(path, lookup);
		expect(await twin('/elder')).toBe('/');
		expect(await twin('/elder/places/meal')).toBe('/map?category=meal');
		expect(await twin('/elder/places/clinic?home=r:12')).toBe('/map?category=clinic&home=r%3A12');
		expect(await twin('/elder/places/%3Cx%3E')).toBe('/map');
		expect(await twin('/elder/home?community=620201001002')).toBe('/map');
		expect(await twin('/elder/times/5')).toBe('/service-points/5');
		expect(await twin('/elder/confirm/77')).toBe('/service-points/5/book?slot=77');
		expect(await twin('/elder/bookings')).toBe('/bookings');
		expect(await twin('/elder/bookings/3?new=1')).toBe('/bookings/3/slip');
		expect(await twin('/elder/bookings/3/cancel')).toBe('/bookings/3#cancel');
		expect(await twin('/elder/more')).toBe('/');
	});

	it('falls back to a list or the home page when the id is bad or unknown', async () => {
		const lookup = { servicePointOfSlot: async () => null };
		expect(await standardPageFor('/elder/times/abc', lookup)).toBe('/');
		expect(await standardPageFor('/elder/times/0', lookup)).toBe('/');
		expect(await standardPageFor('/elder/confirm/99999', lookup)).toBe('/');
		expect(await standardPageFor('/elder/confirm/77')).toBe('/');
		expect(await standardPageFor('/elder/bookings/-1', lookup)).toBe('/bookings');
	});

	it('never follows a link off the site', async () => {
		expect(await standardPageFor('//evil.example/')).toBe('/');
		expect(await standardPageFor('https://evil.example/')).toBe('/');
		expect(await standardPageFor('/\\evil.example')).toBe('/');
		expect(await standardPageFor(null)).toBe('/');
	});
});
