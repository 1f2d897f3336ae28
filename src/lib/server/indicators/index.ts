// The plan's indicator table (专栏1) from the facts communities keep: definitions, facts, views.
export * from './definitions';
export { factsOf, populationOf, saveFacts, type SaveResult, type StoredFacts } from './facts';
export {
	indicatorsFor,
	indicatorsPage,
	type CommunityIndicators,
	type IndicatorsView
} from './view';
export { factsInput } from './schemas';
export { indicatorColumns, indicatorRows, indicatorsCsv } from './csv';
