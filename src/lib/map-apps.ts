/**
 * "Navigate there" with the map apps people in China use. Each app takes its own datum: 高德 and
 * 腾讯 draw in GCJ-02, 百度 in BD-09; our data is WGS84, so the point is converted here, never left
 * to the app's own guess. The links are the apps' web URIs (they open the installed app from a
 * phone's browser and the app's web map otherwise); no key is needed for any of them.
 */
import { wgs84ToBd09 } from '$lib/geo/bd09';
import { wgs84ToGcj02 } from '$lib/geo/gcj02';
import type { LngLat } from '$lib/geo/types';

export type MapApp = 'amap' | 'baidu' | 'tencent';
export const mapApps: MapApp[] = ['amap', 'baidu', 'tencent'];

export interface Destination {
	/** WGS84 [lng, lat] */
	position: LngLat;
	name: string;
	address?: string;
}

/** The source name the apps ask callers to give (for their statistics; any stable name). */
const source = 'lifecircle';

/** Six decimals: ~0.1 m, what the apps accept. */
const fixed = (value: number) => value.toFixed(6);

/** Text inside the apps' own separators (, | ; :) would split a field: those become spaces. */
function fieldText(text: string, separators: RegExp): string {
	return text.replace(separators, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
}

function query(params: Record<string, string>): string {
	return new URLSearchParams(params).toString();
}

/** 高德: walking directions from where the phone is (no `from`) to the point, in GCJ-02. */
export function amapLink({ position, name }: Destination): string {
	const [lng, lat] = wgs84ToGcj02(position);
	return `https://uri.amap.com/navigation?${query({
		to: `${fixed(lng)},${fixed(lat)},${fieldText(name, /,/g)}`,
		mode: 'walk',
		coordinate: 'gaode',
		callnative: '1',
		src: source
	})}`;
}

/** 百度: the point marked on the map (with 到这里去 in the app), in BD-09. */
export function baiduLink({ position, name, address }: Destination): string {
	const [lng, lat] = wgs84ToBd09(position);
	return `https://api.map.baidu.com/marker?${query({
		location: `${fixed(lat)},${fixed(lng)}`,
		title: fieldText(name, /[|]/g),
		content: fieldText(address ?? name, /[|]/g),
		coord_type: 'bd09ll',
		output: 'html',
		src: `webapp.${source}.portal`
	})}`;
}

/** 腾讯: walking route from where the phone is to the point, in GCJ-02 (latitude first). */
export function tencentLink({ position, name }: Destination): string {
	const [lng, lat] = wgs84ToGcj02(position);
	return `https://apis.map.qq.com/uri/v1/routeplan?${query({
		type: 'walk',
		to: fieldText(name, /[;:]/g),
		tocoord: `${fixed(lat)},${fixed(lng)}`,
		policy: '0',
		referer: source
	})}`;
}

export function navigationLinks(destination: Destination): { app: MapApp; href: string }[] {
	return [
		{ app: 'amap', href: amapLink(destination) },
		{ app: 'baidu', href: baiduLink(destination) },
		{ app: 'tencent', href: tencentLink(destination) }
	];
}
