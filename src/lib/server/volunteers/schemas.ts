import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { minuteMs, shanghaiOffsetMs } from '$lib/time';
import { recordId, wholeNumber } from '../numbers';
import { volunteerItems, type FreeTime } from '../db/schema/volunteers';
import { freeTimesFromTicks, maxWalkingMinutes } from './rules';

/** One schema per input, shared by the pages' forms and /api/v1/help-requests, /api/v1/volunteer. */

export const noteMaxLength = 200;
const blankToUndefined = (value: unknown) =>
	value === '' || value === null || value === undefined ? undefined : value;

const item = z.enum(volunteerItems, { error: () => m.volunteer_error_item() });
/** One item or several: a form's repeated field, or a JSON list. */
const items = z.preprocess(
	(v) => (typeof v === 'string' ? [v] : v),
	z
		.array(item, { error: () => m.volunteer_error_items() })
		.min(1, { error: () => m.volunteer_error_items() })
		.max(volunteerItems.length, { error: () => m.volunteer_error_items() })
		.transform((list) => [...new Set(list)])
);

function shortText(max: number, message: () => string) {
	return z.preprocess(
		(v) => (v === undefined || v === null ? '' : v),
		z.string({ error: message }).trim().max(max, { error: message })
	);
}

function requiredText(max: number, message: () => string) {
	return z
		.string({ error: message })
		.trim()
		.min(1, { error: message })
		.max(max, { error: message });
}

export const stationInput = z
	.object(
		{
			name: requiredText(100, () => m.volunteer_error_station_name()),
			place: requiredText(200, () => m.volunteer_error_place()),
			servicePointId: z.preprocess(
				blankToUndefined,
				recordId(() => m.volunteer_error_place()).optional()
			),
			lng: z.preprocess(
				blankToUndefined,
				decimalOrNegative(-180, 180, () => m.volunteer_error_place()).optional()
			),
			lat: z.preprocess(
				blankToUndefined,
				decimalOrNegative(-90, 90, () => m.volunteer_error_place()).optional()
			),
			openingText: shortText(100, () => m.volunteer_error_opening()),
			contact: shortText(40, () => m.volunteer_error_contact()),
			items
		},
		{ error: () => m.error_form_invalid() }
	)
	.refine((v) => v.servicePointId !== undefined || (v.lng !== undefined && v.lat !== undefined), {
		path: ['place'],
		error: () => m.volunteer_error_place()
	});
export type StationInput = z.infer<typeof stationInput>;

function decimalOrNegative(min: number, max: number, message: () => string) {
	return z.preprocess(
		(v) => (typeof v === 'string' && /^-?\d{1,3}(\.\d{1,8})?$/.test(v) ? Number(v) : v),
		z.number({ error: message }).min(min, { error: message }).max(max, { error: message })
	);
}

const freeTime = z
	.object({
		weekday: wholeNumber(1, 7, () => m.volunteer_error_free()),
		startMinute: wholeNumber(0, 1439, () => m.volunteer_error_free()),
		endMinute: wholeNumber(1, 1440, () => m.volunteer_error_free())
	})
	.refine((w) => w.endMinute > w.startMinute, { error: () => m.volunteer_error_free() });

/** The weekly windows: JSON objects, or the form's ticks (`3-afternoon`). */
const freeTimes = z.preprocess(
	(v) => {
		if (typeof v === 'string') v = [v];
		if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
			return freeTimesFromTicks(v as string[]) ?? v;
		return v;
	},
	z
		.array(freeTime, { error: () => m.volunteer_error_free() })
		.min(1, { error: () => m.volunteer_error_free() })
		.max(50, { error: () => m.volunteer_error_free() })
) as unknown as z.ZodType<FreeTime[]>;

export const registerInput = z.object(
	{
		stationId: recordId(() => m.volunteer_error_station()),
		items,
		freeTimes,
		maxWalkingMinutes: z.preprocess(
			(v) => blankToUndefined(v) ?? 15,
			wholeNumber(5, maxWalkingMinutes, () => m.volunteer_error_walking({ max: maxWalkingMinutes }))
		)
	},
	{ error: () => m.error_form_invalid() }
);
export type RegisterInput = z.infer<typeof registerInput>;

/**
 * A time as the form's `datetime-local` (local time in Jiayuguan, `2026-12-02T09:00`) or as JSON:
 * an ISO instant with its offset, or epoch milliseconds.
 */
const instant = z.preprocess(
	(v) => {
		if (typeof v === 'number') return v;
		if (typeof v !== 'string') return v;
		if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return Date.parse(`${v}:00Z`) - shanghaiOffsetMs;
		if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v))
			return Date.parse(v);
		return v;
	},
	z
		.number({ error: () => m.volunteer_error_time() })
		.int({ error: () => m.volunteer_error_time() })
		.min(Date.UTC(2000, 0, 1), { error: () => m.volunteer_error_time() })
		.max(Date.UTC(2100, 0, 1), { error: () => m.volunteer_error_time() })
);

export const helpRequestInput = z
	.object(
		{
			item,
			startsAt: instant,
			/** how long (minutes); the item's usual length when absent */
			minutes: z.preprocess(
				blankToUndefined,
				wholeNumber(15, 8 * 60, () => m.volunteer_error_minutes()).optional()
			),
			note: shortText(noteMaxLength, () => m.volunteer_error_note({ max: noteMaxLength })),
			/** a linked elder (a carer asking) or, for staff, the elder's account */
			forUserId: z.preprocess(blankToUndefined, recordId(() => m.volunteer_error_for()).optional()),
			building: shortText(40, () => m.volunteer_error_address()),
			flat: shortText(40, () => m.volunteer_error_address())
		},
		{ error: () => m.error_form_invalid() }
	)
	.transform((v) => ({ ...v, startsAt: Math.floor(v.startsAt / minuteMs) * minuteMs }));
export type HelpRequestInput = z.infer<typeof helpRequestInput>;

/** Staff asking on an elder's behalf name the elder by their phone (in the staff member's community). */
export const staffHelpInput = z.object({
	phone: z.string({ error: () => m.volunteer_error_phone() }).regex(/^1\d{10}$/, {
		error: () => m.volunteer_error_phone()
	})
});

export const confirmInput = z.object(
	{
		/** the minutes it took, when not the time asked for */
		minutes: z.preprocess(
			blankToUndefined,
			wholeNumber(5, 8 * 60, () => m.volunteer_error_minutes()).optional()
		)
	},
	{ error: () => m.error_form_invalid() }
);
