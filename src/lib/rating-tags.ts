import { m } from '$lib/paraglide/messages';

/**
 * The quick tags a rating may carry. The stored value is the Chinese label (the demo history uses it too);
 * people read it in their language.
 */
export const quickTags = ['态度好', '准时', '环境好', '饭菜可口', '等待久', '不方便'] as const;
export type QuickTag = (typeof quickTags)[number];

const labels: Record<QuickTag, () => string> = {
	态度好: m.rating_tag_friendly,
	准时: m.rating_tag_on_time,
	环境好: m.rating_tag_clean,
	饭菜可口: m.rating_tag_tasty,
	等待久: m.rating_tag_long_wait,
	不方便: m.rating_tag_inconvenient
};

export function tagLabel(tag: string): string {
	return tag in labels ? labels[tag as QuickTag]() : tag;
}

/** The three faces of the one-tap rating (长辈版): what each one means in stars. */
export const faces = [
	{ stars: 5, emoji: '😊', label: () => m.rating_face_good() },
	{ stars: 3, emoji: '😐', label: () => m.rating_face_ok() },
	{ stars: 1, emoji: '☹️', label: () => m.rating_face_bad() }
] as const;
