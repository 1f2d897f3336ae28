// 居民需求清单: residents raise needs, neighbours add "我也需要", staff triage them.
export { raise, raiseForResident, type RaiseResult } from './raise';
export { support, supportedBy, type SupportResult } from './support';
export { triage, communityOfNeed, type TriageResult } from './triage';
export {
	listPublic,
	listOwn,
	listForStaff,
	findVisible,
	openNeedCounts,
	openNeedStatuses,
	type StaffNeed
} from './queries';
export { notifyNeedChanged } from './notify';
export {
	needInput,
	deskNeedInput,
	triageInput,
	elderChoices,
	otherCategory,
	needTextMaxLength,
	type NeedInput,
	type TriageInput
} from './schemas';
export type { NeedStatus, PublicNeed } from './types';
export { needRefusal } from './responses';
