/**
 * GCJ-02 ⇄ BD-09 (Baidu's datum, a further rotation-and-offset of GCJ-02) with the widely published
 * public formulas, and WGS84 ⇄ BD-09 through GCJ-02. Baidu Maps links and Baidu-exported coordinates
 * use BD-09; storage stays WGS84. Like Baidu, the BD-09 step applies everywhere; only the GCJ-02 step
 * is limited to mainland China (see gcj02.ts).
 */
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';
import type { LngLat } from './types';

const xPi = (Math.PI * 3000) / 180;

export function gcj02ToBd09([lng, lat]: LngLat): LngLat {
	const radius = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * xPi);
	const angle = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * xPi);
	return [radius * Math.cos(angle) + 0.0065, radius * Math.sin(angle) + 0.006];
}

/** The published one-step inverse: within ~0.25 m of the exact one; used as the starting point. */
function bd09ToGcj02Estimate([lng, lat]: LngLat): LngLat {
	const x = lng - 0.0065;
	const y = lat - 0.006;
	const radius = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * xPi);
	const angle = Math.atan2(y, x) - 0.000003 * Math.cos(x * xPi);
	return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

/**
 * Exact inverse of gcj02ToBd09: start from the published estimate and iterate
 * gcj ← gcj − (bd(gcj) − target) until the residual is below 1e-9° (≈ 0.1 mm), as gcj02ToWgs84 does.
 */
export function bd09ToGcj02(position: LngLat): LngLat {
	let [lng, lat] = bd09ToGcj02Estimate(position);
	for (let iteration = 0; iteration < 30; iteration++) {
		const [shiftedLng, shiftedLat] = gcj02ToBd09([lng, lat]);
		const errorLng = shiftedLng - position[0];
		const errorLat = shiftedLat - position[1];
		lng -= errorLng;
		lat -= errorLat;
		if (Math.abs(errorLng) < 1e-9 && Math.abs(errorLat) < 1e-9) break;
	}
	return [lng, lat];
}

export function wgs84ToBd09(position: LngLat): LngLat {
	return gcj02ToBd09(wgs84ToGcj02(position));
}

export function bd09ToWgs84(position: LngLat): LngLat {
	return gcj02ToWgs84(bd09ToGcj02(position));
}
