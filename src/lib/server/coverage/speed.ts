import { elderlySpeedMps, standardSpeedMps } from '$lib/geo';

export const minSpeedMps = 0.2;
export const maxSpeedMps = 3;

/** 'standard' | 'elderly' | 'slow' | a number of metres per second → m/s, or null if invalid. */
export function parseSpeed(value: string | null | undefined): number | null {
	if (value === null || value === undefined || value === '' || value === 'standard')
		return standardSpeedMps;
	if (value === 'elderly' || value === 'slow') return elderlySpeedMps;
	if (!/^\d+(\.\d+)?$/.test(value)) return null;
	const speed = Number(value);
	return speed >= minSpeedMps && speed <= maxSpeedMps ? speed : null;
}
