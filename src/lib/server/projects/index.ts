// 民生项目清单: projects staff make from needs, a planning gap or a what-if result.
export {
	create,
	update,
	listForCommunity,
	get,
	type ProjectStatus,
	type CreateResult,
	type UpdateResult
} from './projects';
export { projectRefusal } from './responses';
export { expectedCoverage, pointContribution, projectCoverage } from './coverage';
export { projectInput, projectUpdateInput, type ProjectInput } from './schemas';
