import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { mobilePattern } from '$lib/phone';
import { isValidLocalDate } from '$lib/time';
import { wholeNumber } from '../numbers';

/** One schema per staff form; messages are functions, rendered in the language of the request. */

const object = <Shape extends z.ZodRawShape>(shape: Shape) =>
	z.object(shape, { error: () => m.error_form_invalid() });

const int = wholeNumber;

export const id = int(1, Number.MAX_SAFE_INTEGER, () => m.error_bad_id());

const reason = z
	.string({ error: () => m.staff_error_reason() })
	.trim()
	.min(1, { error: () => m.staff_error_reason() })
	.max(200, { error: () => m.staff_error_reason() });

const text = (max: number, message: () => string, min = 1) =>
	z.string({ error: message }).trim().min(min, { error: message }).max(max, { error: message });

const date = z
	.string({ error: () => m.staff_error_date() })
	.refine(isValidLocalDate, { error: () => m.staff_error_date() });

const time = z
	.string({ error: () => m.staff_error_time() })
	.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: () => m.staff_error_time() })
	.transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3)));

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

/** `confirm`: the second submit after "提前 N 分钟签到，确认签到？" */
const confirm = z.preprocess((v) => v === '1' || v === 'true', z.boolean());

export const codeInput = object({
	code: text(20, () => m.staff_error_code()),
	confirm
});

export const bookingAction = object({ bookingId: id });
export const attendInput = object({ bookingId: id, confirm });

export const walkInInput = object({
	slotId: id,
	channel: z.enum(['desk', 'phone'], { error: () => m.error_choice_invalid() }),
	name: text(40, () => m.error_name_required()),
	phone: z
		.string({ error: () => m.error_phone_invalid() })
		.trim()
		.regex(mobilePattern, { error: () => m.error_phone_invalid() }),
	checkIn: checkbox
});

export const slotCancelInput = object({ slotId: id, reason });

export const closureInput = object({ startsOn: date, endsOn: date, reason }).refine(
	(v) => v.endsOn >= v.startsOn,
	{ path: ['endsOn'], error: () => m.staff_error_date_order() }
);

export const capacityInput = object({
	slotId: id,
	capacity: int(0, 1000, () => m.staff_error_capacity())
});

export const detailsInput = object({
	name: text(80, () => m.staff_error_point_name()),
	address: text(120, () => m.staff_error_address()),
	phone: z
		.string({ error: () => m.staff_error_point_phone() })
		.trim()
		.regex(/^[0-9][0-9-]{4,19}$/, { error: () => m.staff_error_point_phone() }),
	openingText: text(200, () => m.staff_error_opening_text(), 0),
	accessibleEntrance: checkbox,
	minNoticeMinutes: int(0, 10_080, () => m.staff_error_minutes()),
	cancelCutoffMinutes: int(0, 10_080, () => m.staff_error_minutes()),
	// optional: a form without the field (an older page) leaves the setting as it is
	earlyCheckInMinutes: int(0, 1440, () => m.staff_error_early_minutes()).optional(),
	bookingHorizonDays: int(1, 90, () => m.staff_error_horizon())
});
export type DetailsInput = z.infer<typeof detailsInput>;

export const ruleInput = object({
	weekday: int(1, 7, () => m.staff_error_weekday()),
	startMinute: time,
	endMinute: time,
	slotMinutes: int(5, 1440, () => m.staff_error_slot_minutes()),
	capacity: int(1, 1000, () => m.staff_error_capacity()),
	reservedForAssisted: int(0, 1000, () => m.staff_error_reserved())
})
	.refine((r) => r.endMinute > r.startMinute, {
		path: ['endMinute'],
		error: () => m.staff_error_time_order()
	})
	.refine((r) => r.slotMinutes <= r.endMinute - r.startMinute, {
		path: ['slotMinutes'],
		error: () => m.staff_error_slot_minutes()
	})
	.refine((r) => r.reservedForAssisted <= r.capacity, {
		path: ['reservedForAssisted'],
		error: () => m.staff_error_reserved()
	});
export type RuleInput = z.infer<typeof ruleInput>;

export const ruleAction = object({ ruleId: id });
export const closureAction = object({ closureId: id });
export const activeInput = object({
	active: z.enum(['true', 'false']).transform((v) => v === 'true')
});
export const monthInput = z
	.string()
	.regex(/^\d{4}-(0[1-9]|1[0-2])$/)
	.catch('');
