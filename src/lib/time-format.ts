import type { Locale } from '$lib/paraglide/runtime';
/** Dates and times as people read them, in Asia/Shanghai, in the page's language (browser and server). */

const cache = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, key: string, options: Intl.DateTimeFormatOptions) {
	const id = `${locale}|${key}`;
	let f = cache.get(id);
	if (!f) {
		f = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', ...options });
		cache.set(id, f);
	}
	return f;
}

/**
 * The last texts made, by format, locale and instant: one booking's confirmation and two reminders,
 * each with its text and its SMS template's values, name the same slot's start six times, and a
 * day's list names the same few days and times again and again (Intl formatting is microseconds
 * per call). Emptied when full: a plain bound, not an LRU.
 */
const made = new Map<string, string>();
const madeLimit = 4096;

function remembered(key: string, make: () => string): string {
	let text = made.get(key);
	if (text === undefined) {
		if (made.size >= madeLimit) made.clear();
		text = make();
		made.set(key, text);
	}
	return text;
}

/** 11月27日周五 / Fri, November 27 */
export function formatDay(instantMs: number, locale: Locale): string {
	return remembered(`d${locale}${instantMs}`, () =>
		format(locale, 'day', { month: 'long', day: 'numeric', weekday: 'short' }).format(instantMs)
	);
}

/** 09:00 */
export function formatTime(instantMs: number, locale: Locale): string {
	return remembered(`t${locale}${instantMs}`, () =>
		format(locale, 'time', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
			instantMs
		)
	);
}

/** 11月27日周五 09:00 */
export function formatWhen(instantMs: number, locale: Locale): string {
	return `${formatDay(instantMs, locale)} ${formatTime(instantMs, locale)}`;
}

/** 09:00–09:30 */
export function formatTimeRange(startsAt: number, endsAt: number, locale: Locale): string {
	return `${formatTime(startsAt, locale)}–${formatTime(endsAt, locale)}`;
}
