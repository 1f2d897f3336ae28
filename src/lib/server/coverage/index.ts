export { coverageState } from './engine';
export { coverageSummary, isochroneMinutes, isochrones, residenceCoverage } from './queries';
export { parseSpeed } from './speed';
