import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/** Names of the volunteer service items and statuses, for pages and notices alike. */

type Message = (inputs: object, options: { locale: Locale }) => string;

const itemNames: Record<string, Message> = {
	meal_delivery: m.volunteer_item_meal_delivery,
	medical_escort: m.volunteer_item_medical_escort,
	errands: m.volunteer_item_errands,
	haircut: m.volunteer_item_haircut,
	reading_chat: m.volunteer_item_reading_chat,
	home_visit: m.volunteer_item_home_visit,
	tutoring: m.volunteer_item_tutoring,
	phone_help: m.volunteer_item_phone_help,
	cleaning: m.volunteer_item_cleaning,
	other: m.volunteer_item_other
};

/** A service item's name (助餐送餐, 陪同就医, …) in the reader's language. */
export function itemName(code: string, locale: Locale): string {
	return (itemNames[code] ?? m.volunteer_item_other)({}, { locale });
}

const helpStatusNames: Record<string, Message> = {
	open: m.volunteer_status_offered,
	offered: m.volunteer_status_offered,
	accepted: m.volunteer_status_accepted,
	done: m.volunteer_status_done,
	cancelled: m.volunteer_status_cancelled,
	escalated: m.volunteer_status_escalated
};

export function helpStatusName(status: string, locale: Locale): string {
	return (helpStatusNames[status] ?? m.volunteer_status_offered)({}, { locale });
}

const volunteerStatusNames: Record<string, Message> = {
	pending: m.volunteer_state_pending,
	approved: m.volunteer_state_approved,
	paused: m.volunteer_state_paused,
	left: m.volunteer_state_left
};

export function volunteerStatusName(status: string, locale: Locale): string {
	return (volunteerStatusNames[status] ?? m.volunteer_state_pending)({}, { locale });
}

/** "2 小时 30 分" / "2 h 30 min" */
export function hoursText(minutes: number, locale: Locale): string {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	return m.volunteer_hours({ hours, minutes: rest }, { locale });
}
