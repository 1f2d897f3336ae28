export { coverageState, dataVersion } from './engine';
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
