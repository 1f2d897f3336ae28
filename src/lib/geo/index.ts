/** The coverage engine's public API: pure TypeScript, no DB, no Leaflet; runs in node and browser. */
export * from './types';
export { buildWalkingNetwork } from './graph';
export type { WalkingNetwork } from './network';
export {
	buildSegmentIndex,
	defaultMaxSnapDistanceM,
	snapPoint,
	snapPoints,
	type SegmentIndex,
	type SnappedPoint,
	type SnapTable
} from './snap';
export { ShortestPathTree, NearestTwoSearch } from './dijkstra';
export { createCoverageEngine } from './coverage';
export type { CoverageEngine, CoverageEngineInput, PointNearest, QueryOptions } from './engine';
export { defaultCutoffM, type CoverageMatrix } from './matrix';
export {
	categoryCoverage,
	summarizeCoverage,
	type CategoryCoverage,
	type CategorySummary,
	type CoverageViewOptions
} from './view';
export type { NearbyFacility, WalkingPath } from './query';
export {
	applyWhatIf,
	whatIfGain,
	type WhatIfChange,
	type WhatIfGain,
	type WhatIfResult
} from './whatif';
export {
	computeIsochrones,
	isochroneDefaults,
	type IsochroneCollection,
	type IsochroneFeature,
	type IsochroneOptions
} from './isochrone';
export { detourFactor, estimateCoverageEngine, estimatedWalkingM } from './fallback';
export { gcj02ToWgs84, isOutsideChina, wgs84ToGcj02 } from './gcj02';
export { bd09ToGcj02, bd09ToWgs84, gcj02ToBd09, wgs84ToBd09 } from './bd09';
export {
	coordinateDatums,
	fromWgs84,
	isCoordinateDatum,
	toWgs84,
	type CoordinateDatum
} from './datum';
export {
	detectNetworkFormat,
	networkToGeoJson,
	parseNetwork,
	parseNetworkPausing,
	type NetworkFormat
} from './import';
export {
	parseGeoJsonNetwork,
	parseGeoJsonPoints,
	parseGeoJsonText,
	type PointFeature
} from './import-geojson';
export { isWalkableWay, parseOsmNetwork } from './import-osm';
export { haversineM } from './projection';
export { walkingDistanceM, walkingMinutes, wholeWalkingMinutes } from './walking';
