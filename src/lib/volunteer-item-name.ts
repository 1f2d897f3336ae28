import { m } from '$lib/paraglide/messages';

/**
 * A service item's name in the reader's language: the message `volunteer_item_<code>` (the item
 * codes are the schema's volunteerItems), or the code itself for one without a message.
 */
export function volunteerItemName(code: string): string {
	const message = (m as unknown as Record<string, (() => string) | undefined>)[
		`volunteer_item_${code}`
	];
	return message ? message() : code;
}
