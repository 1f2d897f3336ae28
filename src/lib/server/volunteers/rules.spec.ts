import { describe, expect, it } from 'vitest';
import { hourMs, localMidnight, minuteMs } from '$lib/time';
import { freeTimesFromTicks, isFree, isTheDay, readyTimes, ticksOf } from './rules';

// Friday 27 November 2026 in Jiayuguan
const friday = localMidnight('2026-11-27');

describe('free times', () => {
	const fridayMorning = [{ weekday: 5, startMinute: 8 * 60, endMinute: 12 * 60 }];

	it('hold a help only when one window holds all of it, on that weekday', () => {
		expect(isFree(fridayMorning, friday + 9 * hourMs, friday + 11 * hourMs)).toBe(true);
		expect(isFree(fridayMorning, friday + 8 * hourMs, friday + 12 * hourMs)).toBe(true);
		expect(isFree(fridayMorning, friday + 11 * hourMs, friday + 13 * hourMs)).toBe(false);
		expect(isFree(fridayMorning, friday + 7 * hourMs, friday + 9 * hourMs)).toBe(false);
		// the same hours a week day earlier
		expect(isFree(fridayMorning, friday - 15 * hourMs, friday - 13 * hourMs)).toBe(false);
		// past midnight never fits one day's window
		const allDay = [{ weekday: 5, startMinute: 0, endMinute: 1440 }];
		expect(isFree(allDay, friday + 23 * hourMs, friday + 25 * hourMs)).toBe(false);
		expect(isFree(allDay, friday + 22 * hourMs, friday + 24 * hourMs)).toBe(true);
	});

	it('come from the form’s ticks, neighbouring parts merged, and go back to the same ticks', () => {
		const windows = freeTimesFromTicks(['5-afternoon', '5-morning', '1-evening', '5-morning']);
		expect(windows).toEqual([
			{ weekday: 1, startMinute: 18 * 60, endMinute: 21 * 60 },
			{ weekday: 5, startMinute: 8 * 60, endMinute: 18 * 60 }
		]);
		expect(ticksOf(windows!).sort()).toEqual(['1-evening', '5-afternoon', '5-morning']);
		// a 10:00–14:00 help fits the merged Friday window, not either part alone
		expect(isFree(windows!, friday + 10 * hourMs, friday + 14 * hourMs)).toBe(true);
		expect(freeTimesFromTicks(['8-morning'])).toBeNull();
		expect(freeTimesFromTicks(['5-night'])).toBeNull();
	});
});

describe('ready-made times for the 长辈版', () => {
	it('offer this afternoon only while there is an hour’s notice, then tomorrow morning and afternoon', () => {
		const morning = readyTimes(friday + 10 * hourMs).map((t) => t.key);
		expect(morning).toEqual(['today_afternoon', 'tomorrow_morning', 'tomorrow_afternoon']);
		const late = readyTimes(friday + 14 * hourMs + 30 * minuteMs).map((t) => t.key);
		expect(late).toEqual(['tomorrow_morning', 'tomorrow_afternoon']);
		const [first] = readyTimes(friday + 20 * hourMs);
		expect(first.startsAt).toBe(friday + 24 * hourMs + 9 * hourMs);
	});

	it('show the flat from the local day of the help on', () => {
		const help = friday + 9 * hourMs;
		expect(isTheDay(help, friday - minuteMs)).toBe(false);
		expect(isTheDay(help, friday)).toBe(true);
		expect(isTheDay(help, friday + 30 * hourMs)).toBe(true);
	});
});
