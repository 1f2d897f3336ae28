/**
 * WGS84 ⇄ GCJ-02 (the obfuscated datum Chinese tile providers such as AMap and Tencent use), with the
 * widely published public formulas. Overlays are shifted to GCJ-02 for display on such tiles and
 * clicks shifted back; storage stays WGS84. Outside mainland China both datums coincide.
 */
import type { LngLat } from './types';

const semiMajorAxisM = 6378245.0;
const eccentricitySquared = 0.006693421622965943;

export function isOutsideChina([lng, lat]: LngLat): boolean {
	return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
	let result = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
	result += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
	result += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
	result += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
	return result;
}

function transformLng(x: number, y: number): number {
	let result = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
	result += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
	result += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
	result += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
	return result;
}

/** The GCJ-02 offset in degrees at a WGS84 position. */
function offsetDegrees(lng: number, lat: number): [number, number] {
	const dLat = transformLat(lng - 105, lat - 35);
	const dLng = transformLng(lng - 105, lat - 35);
	const radLat = (lat / 180) * Math.PI;
	let magic = Math.sin(radLat);
	magic = 1 - eccentricitySquared * magic * magic;
	const sqrtMagic = Math.sqrt(magic);
	return [
		(dLng * 180) / ((semiMajorAxisM / sqrtMagic) * Math.cos(radLat) * Math.PI),
		(dLat * 180) / (((semiMajorAxisM * (1 - eccentricitySquared)) / (magic * sqrtMagic)) * Math.PI)
	];
}

export function wgs84ToGcj02(position: LngLat): LngLat {
	if (isOutsideChina(position)) return [position[0], position[1]];
	const [dLng, dLat] = offsetDegrees(position[0], position[1]);
	return [position[0] + dLng, position[1] + dLat];
}

/**
 * The inverse has no closed form: iterate wgs ← wgs − (gcj(wgs) − target) until the residual is
 * below ~1e-9° (≈ 0.1 mm); the offset field is smooth, so this converges in a few steps.
 */
export function gcj02ToWgs84(position: LngLat): LngLat {
	if (isOutsideChina(position)) return [position[0], position[1]];
	let lng = position[0];
	let lat = position[1];
	for (let iteration = 0; iteration < 30; iteration++) {
		const [shiftedLng, shiftedLat] = wgs84ToGcj02([lng, lat]);
		const errorLng = shiftedLng - position[0];
		const errorLat = shiftedLat - position[1];
		lng -= errorLng;
		lat -= errorLat;
		if (Math.abs(errorLng) < 1e-9 && Math.abs(errorLat) < 1e-9) break;
	}
	return [lng, lat];
}
