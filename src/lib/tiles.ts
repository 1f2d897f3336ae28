/**
 * The raster tiles the maps draw on, from the PUBLIC_TILE_* settings (validated at start-up by
 * server/config.ts, which lists them; read here once for the browser). Without PUBLIC_TILE_URL the
 * maps draw their own offline base map.
 *
 * 天地图 (CGCS2000, i.e. WGS84 to a few centimetres) serves its base map and its labels as two layers
 * (vec + cva) on eight subdomains t0…t7; AMap (GCJ-02) uses webrd01…04.
 */
import { parseDisplayCrs, type DisplayCrs } from '$lib/map-crs';

export interface TileSettings {
	url: string;
	/** a second, transparent layer of place names drawn over the first (天地图's cva) */
	labelUrl: string | null;
	/** what `{s}` in the templates becomes, one per request in turn */
	subdomains: string[];
	crs: DisplayCrs;
	attribution: string;
}

/** Leaflet's own default */
const defaultSubdomains = ['a', 'b', 'c'];

/**
 * PUBLIC_TILE_SUBDOMAINS: a comma list (`01,02,03,04`), a range of whole numbers (`0-7`) or single
 * characters (`abc`). Null when it is none of those.
 */
export function parseSubdomains(value: string | undefined): string[] | null {
	const text = value?.trim() ?? '';
	if (!text) return defaultSubdomains;
	const range = /^(\d+)\s*-\s*(\d+)$/.exec(text);
	if (range) {
		const [from, to] = [Number(range[1]), Number(range[2])];
		if (to < from || to - from > 31) return null;
		return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
	}
	if (!text.includes(',')) return /^[a-z0-9]+$/i.test(text) ? [...text] : null;
	const parts = text.split(',').map((part) => part.trim());
	return parts.every((part) => /^[\w-]{1,20}$/.test(part)) ? parts : null;
}

/** A tile template: an http(s) address with {z}, {x} and {y}. */
export function isTileTemplate(value: string): boolean {
	return (
		/^https?:\/\/\S+$/.test(value) && ['{z}', '{x}', '{y}'].every((part) => value.includes(part))
	);
}

export function tileSettings(env: Record<string, string | undefined>): TileSettings | null {
	const url = env.PUBLIC_TILE_URL?.trim();
	if (!url) return null;
	return {
		url,
		labelUrl: env.PUBLIC_TILE_LABEL_URL?.trim() || null,
		subdomains: parseSubdomains(env.PUBLIC_TILE_SUBDOMAINS) ?? defaultSubdomains,
		crs: parseDisplayCrs(env.PUBLIC_TILE_CRS),
		attribution: env.PUBLIC_TILE_ATTRIBUTION ?? ''
	};
}
