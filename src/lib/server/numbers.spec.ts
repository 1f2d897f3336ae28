import { describe, expect, it } from 'vitest';
import { parse } from './validation';
import { bookingRequest } from './booking';
import { capacityInput, ruleInput } from './staff/schemas';
import { ratingInput } from './ratings/schemas';
import { profile } from './auth/schemas';
import { parseWholeNumber } from './numbers';
import { integerParam } from './planning/params';

const loose = [
	'0x1',
	'1e3',
	' 5',
	'5 ',
	'5.0',
	'+5',
	'-5',
	'05',
	'',
	'５',
	true,
	false,
	[5],
	['5'],
	{},
	null
];

describe('strict whole numbers', () => {
	it.each(loose.map((value) => [JSON.stringify(value), value]))(
		'refuses %s as a slot id, a capacity and stars',
		(_, value) => {
			expect(parse(bookingRequest, { slotId: value }).ok).toBe(false);
			expect(parse(capacityInput, { slotId: '3', capacity: value }).ok).toBe(false);
			expect(parse(ratingInput, { stars: value }).ok).toBe(false);
		}
	);

	it('accepts JSON integers and canonical decimal text', () => {
		expect(parse(bookingRequest, { slotId: 5 })).toMatchObject({ ok: true, data: { slotId: 5 } });
		expect(parse(bookingRequest, { slotId: '5' })).toMatchObject({ ok: true, data: { slotId: 5 } });
		expect(parse(capacityInput, { slotId: '3', capacity: '0' })).toMatchObject({
			ok: true,
			data: { capacity: 0 }
		});
		expect(
			parse(ruleInput, {
				weekday: '1',
				startMinute: '09:00',
				endMinute: '11:00',
				slotMinutes: '30',
				capacity: '6',
				reservedForAssisted: '1'
			}).ok
		).toBe(true);
	});

	it('refuses ids out of range, and fractions', () => {
		for (const value of [0, -1, 1.5, 2 ** 53, '9007199254740993', '0'])
			expect(parse(bookingRequest, { slotId: value }).ok, String(value)).toBe(false);
	});

	it('gives its refusal in the language of the messages, never zod’s English', () => {
		const result = parse(bookingRequest, { slotId: '0x1' });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.slotId).toMatch(/[\u4e00-\u9fff]/);
	});

	it('reads a walking speed only as plain decimal text', () => {
		const base = {
			name: '王建国',
			communityCode: '620201001002',
			walkingSpeed: 'custom',
			locale: 'zh-CN'
		};
		expect(parse(profile, { ...base, walkingSpeedMps: '0.9' }).ok).toBe(true);
		for (const value of ['0x1', '1e0', ' 1', true, [1]])
			expect(parse(profile, { ...base, walkingSpeedMps: value }).ok, String(value)).toBe(false);
	});

	it('reads the planning pages’ whole-number query parameters the same way', () => {
		const url = (q: string) => new URL(`http://x/admin/what-if?${q}`);
		expect(integerParam(url('suggest=3'), 'suggest', 1, 10)).toBe(3);
		for (const q of ['suggest=0x2', 'suggest=1e1', 'suggest=%205', 'suggest=3.0', 'suggest=11'])
			expect(() => integerParam(url(q), 'suggest', 1, 10), q).toThrow();
	});

	it('parses route parameters the same way', () => {
		expect(parseWholeNumber('12')).toBe(12);
		for (const value of ['0x1', '1e3', ' 5', '5.0', '', null])
			expect(parseWholeNumber(value)).toBeNull();
	});
});
