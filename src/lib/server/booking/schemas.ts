import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { dayMs, isValidLocalDate } from '$lib/time';
import { recordId } from '../numbers';

/**
 * One schema per input, shared by the form actions and the /api/v1 endpoints. Form fields arrive as
 * strings ('' for an empty choice), JSON as numbers: both are accepted.
 */
const id = recordId(() => m.error_bad_id());
const optionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), id.optional());
const localDateText = z
	.string({ error: () => m.error_date_invalid() })
	.refine(isValidLocalDate, { error: () => m.error_date_invalid() });
/** An object schema whose own type error (an array, a string…) is a message in the caller's language. */
const object = <Shape extends z.ZodRawShape>(shape: Shape) =>
	z.object(shape, { error: () => m.error_form_invalid() });

export const bookingRequest = object({ slotId: id, forUserId: optionalId });
export type BookingRequest = z.infer<typeof bookingRequest>;

export const cancelRequest = object({
	reason: z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		z
			.string({ error: () => m.staff_error_reason() })
			.trim()
			.max(200, { error: () => m.staff_error_reason() })
			.optional()
	)
});

export const waitlistLeaveRequest = object({ entryId: id });

/** GET slots?from=&to= : local dates, at most 31 days apart. */
export const slotRange = object({ from: localDateText.optional(), to: localDateText.optional() })
	.refine((r) => !r.from || !r.to || r.from <= r.to, {
		path: ['to'],
		error: () => m.error_date_range()
	})
	.refine((r) => !r.from || !r.to || Date.parse(r.to) - Date.parse(r.from) <= 31 * dayMs, {
		path: ['to'],
		error: () => m.error_date_range()
	});
