export {
	coverageReady,
	coverageSettled,
	coverageState,
	coverageVersion,
	dataAndCoverageVersion,
	dataVersion,
	engineStatus,
	startCoverageEngine,
	type CoverageBuilder,
	type CoverageState,
	type EngineStatus
} from './engine';
export { waitForCoverage } from './wait';
export {
	communityCoverage,
	coverageSummary,
	isochroneMinutes,
	isochrones,
	peopleCovered,
	residenceCoverage
} from './queries';
export { parseSpeed } from './speed';
export { coverageCard, lifeCircle, walkingRoute } from './life-circle';
export { pointHomeKey, resolveHome, residenceHome, type Home } from './home';
