import { describe, expect, it } from 'vitest';
import { bd09ToWgs84, gcj02ToWgs84, haversineM as haversine, type LngLat } from '$lib/geo';
import { amapLink, baiduLink, navigationLinks, tencentLink } from './map-apps';

// 胜利社区's neighbourhood in Jiayuguan (WGS84)
const position: LngLat = [98.2891, 39.7732];
const destination = { position, name: '胜利社区老年助餐点', address: '胜利路 12 号' };

const haversineM = (a: LngLat, b: LngLat) => haversine(a[0], a[1], b[0], b[1]);

/** One query parameter of a link. */
function param(href: string, name: string) {
	return new URL(href).searchParams.get(name); // not a query
}

describe('navigate with the map apps people use', () => {
	it('高德 gets walking directions to the point in GCJ-02 (back to WGS84 within 1 m)', () => {
		const url = new URL(amapLink(destination));
		expect(url.origin + url.pathname).toBe('https://uri.amap.com/navigation');
		const [lng, lat, name] = param(url.href, 'to')!.split(',');
		expect(name).toBe('胜利社区老年助餐点');
		expect(param(url.href, 'mode')).toBe('walk');
		expect(param(url.href, 'coordinate')).toBe('gaode');
		const gcj: LngLat = [Number(lng), Number(lat)];
		// GCJ-02 is shifted by hundreds of metres here: the link must not carry the WGS84 point
		expect(haversineM(gcj, position)).toBeGreaterThan(100);
		expect(haversineM(gcj02ToWgs84(gcj), position)).toBeLessThan(1);
	});

	it('百度 gets the point in BD-09, latitude first (back to WGS84 within 1 m)', () => {
		const url = new URL(baiduLink(destination));
		expect(url.origin + url.pathname).toBe('https://api.map.baidu.com/marker');
		expect(param(url.href, 'coord_type')).toBe('bd09ll');
		expect(param(url.href, 'title')).toBe('胜利社区老年助餐点');
		expect(param(url.href, 'content')).toBe('胜利路 12 号');
		const [lat, lng] = param(url.href, 'location')!.split(',').map(Number);
		expect(haversineM([lng, lat], position)).toBeGreaterThan(100);
		expect(haversineM(bd09ToWgs84([lng, lat]), position)).toBeLessThan(1);
	});

	it('腾讯 gets a walking route to the point in GCJ-02, latitude first', () => {
		const url = new URL(tencentLink(destination));
		expect(url.origin + url.pathname).toBe('https://apis.map.qq.com/uri/v1/routeplan');
		expect(param(url.href, 'type')).toBe('walk');
		expect(param(url.href, 'to')).toBe('胜利社区老年助餐点');
		expect(param(url.href, 'referer')).toBeTruthy();
		const [lat, lng] = param(url.href, 'tocoord')!.split(',').map(Number);
		expect(haversineM(gcj02ToWgs84([lng, lat]), position)).toBeLessThan(1);
	});

	it('a name cannot break out of its field, whatever it contains', () => {
		const tricky = { position, name: 'A,B|C;D:E&x=1 <b>', address: 'x|y' };
		const amapTo = param(amapLink(tricky), 'to')!.split(',');
		expect(amapTo).toHaveLength(3);
		expect(amapTo[2]).toBe('A B|C;D:E&x=1 <b>');
		expect(param(baiduLink(tricky), 'title')).toBe('A,B C;D:E&x=1 <b>');
		expect(param(tencentLink(tricky), 'to')).toBe('A,B|C D E&x=1 <b>');
		// the query stays one parameter each: no injected &x=1
		expect(new URL(amapLink(tricky)).searchParams.has('x')).toBe(false);
	});

	it('outside China the apps get the point unshifted (the datums coincide there)', () => {
		const paris = { position: [2.3522, 48.8566] as LngLat, name: 'Paris' };
		expect(param(amapLink(paris), 'to')).toBe('2.352200,48.856600,Paris');
	});

	it('offers all three apps', () => {
		expect(navigationLinks(destination).map((link) => link.app)).toEqual([
			'amap',
			'baidu',
			'tencent'
		]);
	});
});
