/**
 * A local equirectangular projection in metres around a reference latitude. Over a city (tens of
 * kilometres) its distortion stays well under 1%, which is plenty for snapping and rasterising;
 * walking lengths themselves are always measured geodesically (haversine).
 */
export const earthRadiusM = 6_371_008.8;
const radiansPerDegree = Math.PI / 180;

export interface LocalProjection {
	originLng: number;
	originLat: number;
	metresPerDegreeLng: number;
	metresPerDegreeLat: number;
}

export function createProjection(originLng: number, originLat: number): LocalProjection {
	const metresPerDegreeLat = earthRadiusM * radiansPerDegree;
	return {
		originLng,
		originLat,
		metresPerDegreeLat,
		metresPerDegreeLng: metresPerDegreeLat * Math.cos(originLat * radiansPerDegree)
	};
}

export function projectX(projection: LocalProjection, lng: number): number {
	return (lng - projection.originLng) * projection.metresPerDegreeLng;
}

export function projectY(projection: LocalProjection, lat: number): number {
	return (lat - projection.originLat) * projection.metresPerDegreeLat;
}

export function unprojectLng(projection: LocalProjection, x: number): number {
	return projection.originLng + x / projection.metresPerDegreeLng;
}

export function unprojectLat(projection: LocalProjection, y: number): number {
	return projection.originLat + y / projection.metresPerDegreeLat;
}

/** Great-circle distance in metres between two WGS84 positions. */
export function haversineM(lng1: number, lat1: number, lng2: number, lat2: number): number {
	const phi1 = lat1 * radiansPerDegree;
	const phi2 = lat2 * radiansPerDegree;
	const sinHalfLat = Math.sin((phi2 - phi1) / 2);
	const sinHalfLng = Math.sin(((lng2 - lng1) * radiansPerDegree) / 2);
	const a = sinHalfLat * sinHalfLat + Math.cos(phi1) * Math.cos(phi2) * sinHalfLng * sinHalfLng;
	return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(a)));
}
