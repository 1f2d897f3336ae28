/**
 * Weekly opening rules for the bookable categories, and the human opening text for every service
 * point. Each rule is one weekday's window cut into slots; `reservedForAssisted` keeps up to 30% of
 * the places for phone and desk bookings made on behalf of elders without smartphones.
 */
import type { CategoryCode } from '../../categories';
import type { Random } from './random';
import type { DemoOpeningRule } from './types';

interface Window {
	startMinute: number;
	endMinute: number;
	slotMinutes: number;
}

interface Schedule {
	weekdays: number[];
	windows: Window[];
	capacity: [number, number];
}

const hours = (time: string) => {
	const [hour, minute] = time.split(':').map(Number);
	return hour * 60 + minute;
};
const window = (start: string, end: string, slotMinutes?: number): Window => ({
	startMinute: hours(start),
	endMinute: hours(end),
	slotMinutes: slotMinutes ?? hours(end) - hours(start)
});
const range = (first: number, last: number) =>
	Array.from({ length: last - first + 1 }, (_, index) => first + index);

/** One or more weekly schedules per bookable category. */
function schedulesFor(random: Random, category: CategoryCode, inVillage: boolean): Schedule[] {
	switch (category) {
		case 'meal': // lunch sittings, Monday to Saturday (some kitchens rest on Saturday)
			return [
				{
					weekdays: range(1, random.chance(0.8) ? 6 : 5),
					windows: [window('11:00', '13:00', 30)],
					capacity: [10, 30]
				}
			];
		case 'clinic': {
			// Windows end on a whole slot: 15-minute slots to 11:30, 20-minute slots to 11:20.
			const slot = random.chance(0.5) ? 15 : 20;
			const morning = slot === 15 ? window('08:00', '11:30', 15) : window('08:00', '11:20', 20);
			const afternoon = slot === 15 ? window('14:30', '17:00', 15) : window('14:40', '17:00', 20);
			const weekdays = {
				weekdays: range(1, 5),
				windows: [morning, afternoon],
				capacity: [2, 4] as [number, number]
			};
			const saturday = { weekdays: [6], windows: [morning], capacity: [2, 4] as [number, number] };
			return inVillage || random.chance(0.5) ? [weekdays, saturday] : [weekdays];
		}
		case 'legal': // a lawyer on duty a few half days a week
			return random
				.shuffled(range(1, 5))
				.slice(0, random.integer(2, 3))
				.sort((a, b) => a - b)
				.map((weekday) => ({
					weekdays: [weekday],
					windows: [
						random.chance(0.5) ? window('09:00', '11:30', 30) : window('14:30', '17:00', 30)
					],
					capacity: [1, 2]
				}));
		case 'childcare': // visits and temporary care
			return [
				{
					weekdays: range(1, 5),
					windows: [window('09:00', '11:00', 30), window('15:00', '17:00', 30)],
					capacity: [2, 5]
				}
			];
		case 'elderly_care': // day places: one slot for the whole day
			return [
				{
					weekdays: range(1, random.chance(0.6) ? 5 : 6),
					windows: [window('08:30', '17:30')],
					capacity: [15, 40]
				}
			];
		case 'culture': // classes and activity rooms
			return [
				{
					weekdays: range(2, 7),
					windows: [window('09:00', '11:00', 60), window('15:00', '17:00', 60)],
					capacity: [10, 25]
				}
			];
		default:
			return [];
	}
}

const weekdayNames = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const clock = (minute: number) =>
	`${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** '周一至周五 08:00–11:30、14:30–17:00；周六 08:00–11:30' from the rules. */
export function describeRules(rules: readonly DemoOpeningRule[]): string {
	const byWeekday = new Map<number, string>();
	for (const rule of [...rules].sort(
		(p, q) => p.weekday - q.weekday || p.startMinute - q.startMinute
	)) {
		const text = `${clock(rule.startMinute)}–${clock(rule.endMinute)}`;
		const previous = byWeekday.get(rule.weekday);
		byWeekday.set(rule.weekday, previous ? `${previous}、${text}` : text);
	}
	const parts: string[] = [];
	const days = [...byWeekday.keys()];
	for (let start = 0; start < days.length;) {
		let end = start;
		while (
			end + 1 < days.length &&
			days[end + 1] === days[end] + 1 &&
			byWeekday.get(days[end + 1]) === byWeekday.get(days[start])
		)
			end++;
		const first = weekdayNames[days[start] - 1];
		const last = weekdayNames[days[end] - 1];
		const label =
			end === start ? first : end === start + 1 ? `${first}、${last}` : `${first}至${last}`;
		parts.push(`${label} ${byWeekday.get(days[start])}`);
		start = end + 1;
	}
	return parts.join('；');
}

export function openingRules(
	random: Random,
	servicePointKey: string,
	category: CategoryCode,
	inVillage: boolean
): DemoOpeningRule[] {
	return schedulesFor(random, category, inVillage).flatMap((schedule) => {
		const capacity = random.integer(...schedule.capacity);
		const reservedForAssisted = Math.round(capacity * random.between(0, 0.3));
		return schedule.weekdays.flatMap((weekday) =>
			schedule.windows.map((slotWindow) => ({
				servicePointKey,
				weekday,
				...slotWindow,
				capacity,
				reservedForAssisted
			}))
		);
	});
}

/** Opening text for the categories without bookings. */
export function unbookedOpeningText(
	random: Random,
	category: CategoryCode,
	isMarket: boolean
): string {
	if (category === 'fitness') return random.chance(0.6) ? '全天开放' : '每日 06:00–22:00';
	if (isMarket) return '每日 06:30–19:00';
	return random.pick(['每日 07:00–22:00', '每日 08:00–21:30', '每日 07:30–23:00']);
}
