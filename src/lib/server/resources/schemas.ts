import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { resourceKinds } from '../db/schema/notices';
import { decimalNumber, recordId } from '../numbers';

/** One schema for the staff form (and the demo data). Plain text everywhere. */
const blankToUndefined = (value: unknown) =>
	value === '' || value === null || value === undefined ? undefined : value;

const message = (max: number) => () => m.resources_error_text({ max });
const requiredText = (max: number) =>
	z
		.string({ error: message(max) })
		.trim()
		.min(1, { error: message(max) })
		.max(max, { error: message(max) });
const optionalText = (max: number) =>
	z.preprocess(
		blankToUndefined,
		z
			.string({ error: message(max) })
			.trim()
			.max(max, { error: message(max) })
			.optional()
	);

export const resourceInput = z
	.object(
		{
			community: z.string().regex(/^\d{12}$/, { error: () => m.resources_error_community() }),
			name: requiredText(60),
			kind: z.enum(resourceKinds, { error: () => m.resources_error_kind() }),
			category: z.preprocess(
				blankToUndefined,
				z
					.string()
					.regex(/^[a-z_]{1,32}$/, { error: () => m.resources_error_category() })
					.optional()
			),
			owner: requiredText(60),
			openingText: optionalText(100),
			contact: optionalText(40),
			lng: z.preprocess(
				blankToUndefined,
				decimalNumber(-180, 180, () => m.resources_error_point()).optional()
			),
			lat: z.preprocess(
				blankToUndefined,
				decimalNumber(-90, 90, () => m.resources_error_point()).optional()
			)
		},
		{ error: () => m.error_form_invalid() }
	)
	.refine((v) => (v.lng === undefined) === (v.lat === undefined), {
		path: ['lat'],
		error: () => m.resources_error_point()
	});
export type ResourceInput = z.infer<typeof resourceInput>;

export const resourceIdInput = z.object(
	{ resourceId: recordId(() => m.error_bad_id()) },
	{ error: () => m.error_form_invalid() }
);
