import { describe, expect, it } from 'vitest';
import { formatDay, formatTime, formatWhen } from './time-format';

const fresh = (locale: string, options: Intl.DateTimeFormatOptions, at: number) =>
	new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', ...options }).format(at);

describe('dates and times as people read them', () => {
	it('says the same as a fresh formatter, asked again and after the remembered texts are emptied', () => {
		const start = Date.UTC(2026, 11, 1, 1, 30);
		// more instants than are remembered, each asked twice, in both languages
		for (let i = 0; i < 4200; i++) {
			const at = start + i * 37 * 60_000;
			for (const locale of ['zh-CN', 'en'] as const)
				for (let again = 0; again < 2; again++) {
					expect(formatDay(at, locale)).toBe(
						fresh(locale, { month: 'long', day: 'numeric', weekday: 'short' }, at)
					);
					expect(formatTime(at, locale)).toBe(
						fresh(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, at)
					);
				}
		}
	});

	it('names a day and a time together, in Beijing time', () => {
		const at = Date.UTC(2026, 10, 27, 1, 0); // 09:00 in Beijing
		expect(formatWhen(at, 'zh-CN')).toBe('11月27日周五 09:00');
		expect(formatWhen(at, 'en')).toBe('Fri, November 27 09:00');
	});
});
