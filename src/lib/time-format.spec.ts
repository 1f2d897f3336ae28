import { describe, expect, it } from 'vitest';
import { formatDay, formatTime, formatWhen } from './time-format';

// Intl's own formatters, made here (not the module's): what each text must be. Made once each:
// making a formatter costs ~0.2 ms, and the check below asks for 33,600 texts.
const reference = (locale: string, options: Intl.DateTimeFormatOptions) =>
	new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', ...options });
const day = { month: 'long', day: 'numeric', weekday: 'short' } as const;
const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

describe('dates and times as people read them', () => {
	it('says the same as Intl’s own formatter, asked again and after the remembered texts are emptied', () => {
		const start = Date.UTC(2026, 11, 1, 1, 30);
		const references = (['zh-CN', 'en'] as const).map(
			(locale) => [locale, { day: reference(locale, day), time: reference(locale, time) }] as const
		);
		// more instants than are remembered, each asked twice, in both languages
		for (let i = 0; i < 4200; i++) {
			const at = start + i * 37 * 60_000;
			for (const [locale, formats] of references)
				for (let again = 0; again < 2; again++) {
					expect(formatDay(at, locale)).toBe(formats.day.format(at));
					expect(formatTime(at, locale)).toBe(formats.time.format(at));
				}
		}
	});

	it('names a day and a time together, in Beijing time', () => {
		const at = Date.UTC(2026, 10, 27, 1, 0); // 09:00 in Beijing
		expect(formatWhen(at, 'zh-CN')).toBe('11月27日周五 09:00');
		expect(formatWhen(at, 'en')).toBe('Fri, November 27 09:00');
	});
});
