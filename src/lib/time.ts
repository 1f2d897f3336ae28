/**
 * Time in Lifecircle: instants are UTC epoch milliseconds; people see Asia/Shanghai wall time.
 * China has no daylight saving time, so local time is UTC+8 all year and plain arithmetic is exact.
 */
export const shanghaiOffsetMs = 8 * 60 * 60 * 1000;
// the one definition of these durations (issue 15): import them, never redefine them
export const minuteMs = 60_000;
export const hourMs = 60 * minuteMs;
export const dayMs = 24 * hourMs;

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instantMs: number): string {
	return new Date(instantMs + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** The instant of local midnight at the start of a local date. */
export function localMidnight(date: string): number {
	return Date.parse(`${date}T00:00:00Z`) - shanghaiOffsetMs;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date. */
export function isoWeekday(date: string): number {
	const day = new Date(`${date}T00:00:00Z`).getUTCDay();
	return day === 0 ? 7 : day;
}

export function addDays(date: string, days: number): string {
	return localDate(localMidnight(date) + days * dayMs + 1);
}

/** Minutes after local midnight of an instant. */
export function localMinuteOfDay(instantMs: number): number {
	return Math.floor(((instantMs + shanghaiOffsetMs) % dayMs) / 60000);
}

/** 'HH:MM' local time of an instant. */
export function localTime(instantMs: number): string {
	return new Date(instantMs + shanghaiOffsetMs).toISOString().slice(11, 16);
}

/** 'HH:MM' from minutes after midnight. */
export function minuteToTime(minute: number): string {
	const h = Math.floor(minute / 60);
	const m = minute % 60;
	return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export function isValidLocalDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	// a month 13 or a day 00 is no instant at all: check before formatting it back
	const midnight = localMidnight(value);
	return Number.isFinite(midnight) && localDate(midnight) === value;
}
