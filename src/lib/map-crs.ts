import { gcj02ToWgs84, wgs84ToGcj02, type LngLat } from '$lib/geo';

/**
 * Data is WGS84. Chinese tile providers draw in GCJ-02, so when such tiles are configured every
 * overlay is shifted onto them for display, and clicks are shifted back before use.
 */
export type DisplayCrs = 'wgs84' | 'gcj02';

export function parseDisplayCrs(value: string | undefined): DisplayCrs {
	return value?.toLowerCase() === 'gcj02' ? 'gcj02' : 'wgs84';
}

export function toDisplay(point: LngLat, crs: DisplayCrs): LngLat {
	return crs === 'gcj02' ? wgs84ToGcj02(point) : point;
}

export function fromDisplay(point: LngLat, crs: DisplayCrs): LngLat {
	return crs === 'gcj02' ? gcj02ToWgs84(point) : point;
}
