import { m } from '$lib/paraglide/messages';

/** The words for a need's status and channel, shared by the resident's, the staff and the 长辈版 pages. */
export const needStatusLabel: Record<string, () => string> = {
	open: m.needs_status_open,
	accepted: m.needs_status_accepted,
	merged: m.needs_status_merged,
	project: m.needs_status_project,
	declined: m.needs_status_declined,
	done: m.needs_status_done
};

export const needChannelLabel: Record<string, () => string> = {
	online: m.needs_channel_online,
	elder: m.needs_channel_elder,
	desk: m.needs_channel_desk,
	phone: m.needs_channel_phone
};

/** A category code's name in the page's language; 其他 for 'other' (or one no longer listed). */
export function categoryName(
	categories: { code: string; nameZh: string; nameEn: string }[],
	code: string,
	locale: string
): string {
	const found = categories.find((c) => c.code === code);
	if (!found) return m.needs_category_other();
	return locale === 'en' ? found.nameEn : found.nameZh;
}
