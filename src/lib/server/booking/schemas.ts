import { z } from 'zod';
import { isValidLocalDate } from '$lib/time';

/**
 * One schema per input, shared by the form actions and the /api/v1 endpoints. Form fields arrive as
 * strings ('' for an empty choice), JSON as numbers: both are accepted.
 */
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const optionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), id.optional());
const localDateText = z.string().refine(isValidLocalDate);

export const bookingRequest = z.object({ slotId: id, forUserId: optionalId });
export type BookingRequest = z.infer<typeof bookingRequest>;

export const cancelRequest = z.object({
	reason: z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		z.string().trim().max(200).optional()
	)
});

export const rebookRequest = z.object({ bookingId: id, slotId: id });

export const waitlistRequest = bookingRequest;
export const waitlistLeaveRequest = z.object({ entryId: id });

/** GET slots?from=&to= : local dates, at most 31 days apart. */
export const slotRange = z
	.object({ from: localDateText.optional(), to: localDateText.optional() })
	.refine((r) => !r.from || !r.to || r.from <= r.to, { path: ['to'] })
	.refine((r) => !r.from || !r.to || Date.parse(r.to) - Date.parse(r.from) <= 31 * 86_400_000, {
		path: ['to']
	});

/** Field names with a problem, for `fail(400, { errors })` and the API's message. */
export function fieldErrors(error: z.ZodError): Record<string, true> {
	return Object.fromEntries(error.issues.map((issue) => [String(issue.path[0] ?? 'form'), true]));
}

export function formObject(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of data) if (typeof value === 'string') out[key] = value;
	return out;
}
