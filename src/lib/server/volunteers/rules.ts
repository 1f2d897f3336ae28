import { standardSpeedMps } from '$lib/geo';
import {
	localDate,
	localMidnight,
	localMinuteOfDay,
	isoWeekday,
	addDays,
	minuteMs
} from '$lib/time';
import type { FreeTime, VolunteerItem } from '../db/schema/volunteers';

// The pure rules of matching, at the bottom of the module: no database, unit-tested on their own.

/** Parts of the day a volunteer ticks on the form, as minutes after local midnight. */
export const dayParts = {
	morning: { startMinute: 8 * 60, endMinute: 12 * 60 },
	afternoon: { startMinute: 12 * 60, endMinute: 18 * 60 },
	evening: { startMinute: 18 * 60, endMinute: 21 * 60 }
} as const;
export type DayPart = keyof typeof dayParts;

/** How long each item usually takes (the hours recorded when the elder confirms). */
export const usualMinutes: Record<VolunteerItem, number> = {
	meal_delivery: 30,
	medical_escort: 120,
	errands: 60,
	haircut: 45,
	reading_chat: 60,
	home_visit: 60,
	tutoring: 90,
	phone_help: 60,
	cleaning: 90,
	other: 60
};

/** Volunteers walk at the standard speed: their limit is in standard walking minutes. */
export const volunteerSpeedMps = standardSpeedMps;

export function walkingMinutesOf(distanceM: number): number {
	return distanceM / volunteerSpeedMps / 60;
}

/** The longest walk any volunteer may be asked to make, in metres (the search's cutoff). */
export const maxWalkingMinutes = 60;
export const maxWalkingM = maxWalkingMinutes * 60 * volunteerSpeedMps;

/**
 * Whether one of the weekly windows holds the whole of [startMs, endMs) in local time. A request
 * past midnight is never inside one window (windows end by 24:00), so it matches nobody.
 */
export function isFree(freeTimes: readonly FreeTime[], startMs: number, endMs: number): boolean {
	const day = localDate(startMs);
	if (localDate(endMs - 1) !== day) return false;
	const weekday = isoWeekday(day);
	const start = localMinuteOfDay(startMs);
	const end = start + Math.ceil((endMs - startMs) / minuteMs);
	return freeTimes.some(
		(window) => window.weekday === weekday && window.startMinute <= start && end <= window.endMinute
	);
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }) {
	return a.start < b.end && b.start < a.end;
}

/** The form's ticks (`3-afternoon`: Wednesday afternoon) as weekly windows, merged where they meet. */
export function freeTimesFromTicks(ticks: readonly string[]): FreeTime[] | null {
	const windows: FreeTime[] = [];
	for (const tick of new Set(ticks)) {
		const match = /^([1-7])-(morning|afternoon|evening)$/.exec(tick);
		if (!match) return null;
		windows.push({ weekday: Number(match[1]), ...dayParts[match[2] as DayPart] });
	}
	windows.sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
	const merged: FreeTime[] = [];
	for (const w of windows) {
		const last = merged.at(-1);
		if (last && last.weekday === w.weekday && last.endMinute === w.startMinute)
			last.endMinute = w.endMinute;
		else merged.push({ ...w });
	}
	return merged;
}

/** The ticks a set of windows covers (to show a registration on the form again). */
export function ticksOf(freeTimes: readonly FreeTime[]): string[] {
	const ticks: string[] = [];
	for (const w of freeTimes)
		for (const [part, range] of Object.entries(dayParts))
			if (w.startMinute <= range.startMinute && range.endMinute <= w.endMinute)
				ticks.push(`${w.weekday}-${part}`);
	return ticks;
}

/**
 * The ready-made times an elder picks from (one tap each): this afternoon while there is still time,
 * tomorrow morning, tomorrow afternoon. Each starts at a round local hour.
 */
export function readyTimes(now: number): { key: string; startsAt: number }[] {
	const today = localDate(now);
	const tomorrow = addDays(today, 1);
	const at = (date: string, hour: number) => localMidnight(date) + hour * 60 * minuteMs;
	const times = [
		{ key: 'today_afternoon', startsAt: at(today, 15) },
		{ key: 'tomorrow_morning', startsAt: at(tomorrow, 9) },
		{ key: 'tomorrow_afternoon', startsAt: at(tomorrow, 15) }
	];
	// an hour's notice at least: a volunteer needs time to come
	return times.filter((t) => t.startsAt >= now + 60 * minuteMs);
}

/** Whether the flat may be shown to the accepted volunteer: from the local day of the help on. */
export function isTheDay(wantedStartAt: number, now: number): boolean {
	return localDate(now) >= localDate(wantedStartAt);
}
