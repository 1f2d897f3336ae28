import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { addDays, isValidLocalDate, localMidnight } from '$lib/time';
import { recordId } from '../numbers';

/** One schema per input, shared by the staff form (and the demo data). Plain text: no HTML is kept as HTML anywhere. */
export const titleMaxLength = 100;
export const bodyMaxLength = 2000;

const blankToUndefined = (value: unknown) =>
	value === '' || value === null || value === undefined ? undefined : value;

const checkbox = z.preprocess(
	(v) => v === 'on' || v === 'true' || v === true,
	z.boolean({ error: () => m.error_form_invalid() })
);

const localDay = z.preprocess(
	blankToUndefined,
	z
		.string({ error: () => m.notices_error_date() })
		.refine(isValidLocalDate, { error: () => m.notices_error_date() })
		.optional()
);

/** A community (12 digits), a street (9 digits) or the whole city. */
const target = z.discriminatedUnion(
	'scope',
	[
		z.object({
			scope: z.literal('community'),
			community: z.string().regex(/^\d{12}$/, { error: () => m.notices_error_target() })
		}),
		z.object({
			scope: z.literal('street'),
			street: z.string().regex(/^\d{9}$/, { error: () => m.notices_error_target() })
		}),
		z.object({ scope: z.literal('city') })
	],
	{ error: () => m.notices_error_target() }
);
export type NoticeTarget = z.infer<typeof target>;

const text = (max: number, message: () => string) =>
	z.string({ error: message }).trim().min(1, { error: message }).max(max, { error: message });

/** The place alone, read first: whether the author may publish there is answered before the rest is checked. */
export const targetInput = z.object(
	{ target: z.preprocess((v) => (typeof v === 'string' ? parseTarget(v) : v), target) },
	{ error: () => m.error_form_invalid() }
);

export const noticeInput = z
	.object(
		{
			target: z.preprocess((v) => (typeof v === 'string' ? parseTarget(v) : v), target),
			title: text(titleMaxLength, () => m.notices_error_title({ max: titleMaxLength })),
			body: text(bodyMaxLength, () => m.notices_error_body({ max: bodyMaxLength })),
			validFrom: localDay,
			validUntil: localDay,
			pinned: checkbox,
			urgent: checkbox
		},
		{ error: () => m.error_form_invalid() }
	)
	.refine((v) => !v.validFrom || !v.validUntil || v.validFrom <= v.validUntil, {
		path: ['validUntil'],
		error: () => m.notices_error_validity()
	})
	.transform(({ validFrom, validUntil, ...rest }) => ({
		...rest,
		// whole local days in Asia/Shanghai: from the first day's midnight to the last day's end
		validFrom: validFrom ? localMidnight(validFrom) : null,
		validUntil: validUntil ? localMidnight(addDays(validUntil, 1)) - 1 : null
	}));
export type NoticeInput = z.infer<typeof noticeInput>;

/** The form's one select: `community:CODE`, `street:CODE` or `city`. */
function parseTarget(value: string): unknown {
	const [scope, code] = value.split(':', 2);
	if (scope === 'community') return { scope, community: code ?? '' };
	if (scope === 'street') return { scope, street: code ?? '' };
	return { scope };
}

export const noticeIdInput = z.object(
	{ noticeId: recordId(() => m.error_bad_id()) },
	{ error: () => m.error_form_invalid() }
);
