// 通知公告: publishing (with its 消息 and urgent text messages), reading what is shown now, withdrawing.
export { publish, withdraw, type PublishResult } from './publish';
export { current, forStaff, targetOf, targetsFor, type NoticeView } from './read';
export { mayPublish } from './authority';
export {
	noticeInput,
	noticeIdInput,
	targetInput,
	titleMaxLength,
	bodyMaxLength,
	type NoticeInput
} from './schemas';
