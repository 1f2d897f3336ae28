/**
 * The coordinate systems positions arrive in or leave as: WGS84 (GPS, OpenStreetMap, storage), GCJ-02
 * (AMap/高德, Tencent/腾讯, 天地图's Chinese tiles) and BD-09 (Baidu/百度). One dispatch for imports and links.
 */
import { bd09ToWgs84, wgs84ToBd09 } from './bd09';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';
import type { LngLat } from './types';

export const coordinateDatums = ['wgs84', 'gcj02', 'bd09'] as const;
export type CoordinateDatum = (typeof coordinateDatums)[number];

export function isCoordinateDatum(value: unknown): value is CoordinateDatum {
	return typeof value === 'string' && (coordinateDatums as readonly string[]).includes(value);
}

/** A position given in `datum`, as WGS84. */
export function toWgs84(position: LngLat, datum: CoordinateDatum): LngLat {
	if (datum === 'gcj02') return gcj02ToWgs84(position);
	if (datum === 'bd09') return bd09ToWgs84(position);
	return [position[0], position[1]];
}

/** A WGS84 position, in `datum`. */
export function fromWgs84(position: LngLat, datum: CoordinateDatum): LngLat {
	if (datum === 'gcj02') return wgs84ToGcj02(position);
	if (datum === 'bd09') return wgs84ToBd09(position);
	return [position[0], position[1]];
}
