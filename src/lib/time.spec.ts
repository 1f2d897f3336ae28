import { describe, expect, it } from 'vitest';
import {
	addDays,
	isoWeekday,
	isValidLocalDate,
	localDate,
	localMidnight,
	localMinuteOfDay,
	localTime
} from './time';

describe('Asia/Shanghai wall time', () => {
	it('puts 16:30 UTC on the next local day', () => {
		const instant = Date.parse('2026-11-26T16:30:00Z');
		expect(localDate(instant)).toBe('2026-11-27');
		expect(localTime(instant)).toBe('00:30');
		expect(localMinuteOfDay(instant)).toBe(30);
	});

	it('round-trips local midnight', () => {
		expect(localMidnight('2026-11-27')).toBe(Date.parse('2026-11-26T16:00:00Z'));
		expect(localDate(localMidnight('2026-11-27'))).toBe('2026-11-27');
	});

	it('knows weekdays and month ends', () => {
		expect(isoWeekday('2026-11-26')).toBe(4); // a Thursday
		expect(isoWeekday('2026-11-29')).toBe(7);
		expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});

	it('rejects impossible dates', () => {
		expect(isValidLocalDate('2026-02-30')).toBe(false);
		expect(isValidLocalDate('2026-2-3')).toBe(false);
		expect(isValidLocalDate('2026-13-01')).toBe(false);
		expect(isValidLocalDate('2026-00-10')).toBe(false);
		expect(isValidLocalDate('2026-12-00')).toBe(false);
		expect(isValidLocalDate('2026-02-28')).toBe(true);
	});
});
