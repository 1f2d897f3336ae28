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

/** 11月27日周五 / Fri, November 27 */
export function formatDay(instantMs: number, locale: Locale): string {
	return format(locale, 'day', { month: 'long', day: 'numeric', weekday: 'short' }).format(
		instantMs
	);
}

/** 09:00 */
export function formatTime(instantMs: number, locale: Locale): string {
	return format(locale, 'time', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
		instantMs
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
