import { describe, expect, it } from 'vitest';
import { isTileTemplate, parseSubdomains, tileSettings } from './tiles';
import { readConfig } from '$lib/server/config';

const tianditu = (layer: string) =>
	`https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY`;

describe('tiles from the PUBLIC_TILE_* settings', () => {
	it('reads 天地图: base map and labels on subdomains t0…t7', () => {
		expect(
			tileSettings({
				PUBLIC_TILE_URL: tianditu('vec'),
				PUBLIC_TILE_LABEL_URL: tianditu('cva'),
				PUBLIC_TILE_SUBDOMAINS: '0-7',
				PUBLIC_TILE_ATTRIBUTION: '天地图'
			})
		).toEqual({
			url: tianditu('vec'),
			labelUrl: tianditu('cva'),
			subdomains: ['0', '1', '2', '3', '4', '5', '6', '7'],
			crs: 'wgs84',
			attribution: '天地图'
		});
	});

	it('AMap: GCJ-02 on webrd01…04, no label layer', () => {
		const settings = tileSettings({
			PUBLIC_TILE_URL: 'https://webrd{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}',
			PUBLIC_TILE_SUBDOMAINS: '01,02,03,04',
			PUBLIC_TILE_CRS: 'gcj02'
		});
		expect(settings).toMatchObject({
			subdomains: ['01', '02', '03', '04'],
			labelUrl: null,
			crs: 'gcj02'
		});
	});

	it('without a tile address the maps draw their own base map', () => {
		expect(tileSettings({})).toBeNull();
		expect(
			tileSettings({ PUBLIC_TILE_URL: '  ', PUBLIC_TILE_LABEL_URL: tianditu('cva') })
		).toBeNull();
	});

	it('subdomains: letters, ranges and lists; Leaflet’s abc by default; nonsense refused', () => {
		expect(parseSubdomains(undefined)).toEqual(['a', 'b', 'c']);
		expect(parseSubdomains('abcd')).toEqual(['a', 'b', 'c', 'd']);
		expect(parseSubdomains('1-4')).toEqual(['1', '2', '3', '4']);
		expect(parseSubdomains(' a , b ')).toEqual(['a', 'b']);
		for (const bad of ['7-0', '0-100', 'a,,b', 'a b', '<x>', '0-']) {
			expect(parseSubdomains(bad), bad).toBeNull();
		}
	});

	it('a template needs {z}, {x} and {y} on http(s)', () => {
		expect(isTileTemplate(tianditu('vec'))).toBe(true);
		expect(isTileTemplate('https://tiles.example.cn/{z}/{x}.png')).toBe(false);
		expect(isTileTemplate('javascript:alert(1)//{z}{x}{y}')).toBe(false);
	});

	it('a wrong setting stops the server with its name', () => {
		expect(() => readConfig({ PUBLIC_TILE_SUBDOMAINS: '9-1' })).toThrow(/PUBLIC_TILE_SUBDOMAINS/);
		expect(() => readConfig({ PUBLIC_TILE_LABEL_URL: 'tiles.example.cn' })).toThrow(
			/PUBLIC_TILE_LABEL_URL/
		);
		expect(() =>
			readConfig({
				PUBLIC_TILE_URL: tianditu('vec'),
				PUBLIC_TILE_LABEL_URL: tianditu('cva'),
				PUBLIC_TILE_SUBDOMAINS: '0-7'
			})
		).not.toThrow();
	});
});
