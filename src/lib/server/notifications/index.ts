// Who is told what: the in-portal rows and the text messages (worded by $lib/notice-text).
export {
	notifyBooked,
	notifyCancelled,
	notifyCancelledByFamily,
	notifyWaitlistCleared,
	withdrawReminders
} from './booking';
export { notifyRatingReplied, notifyRatingRequested } from './ratings';
export { list, markAllRead, unreadCount, type NotificationView } from './centre';
export type { NoticeSlot } from './deliver';
