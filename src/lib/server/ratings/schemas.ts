import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { quickTags } from '$lib/rating-tags';
import { recordId, wholeNumber } from '../numbers';

/** One schema per input, shared by the rating form, the one-tap faces and POST /api/v1/bookings/{id}/rating. */
export const commentMaxLength = 1000;
export const replyMaxLength = 500;

const blankToUndefined = (value: unknown) =>
	value === '' || value === null || value === undefined ? undefined : value;

export const ratingInput = z.object(
	{
		stars: wholeNumber(1, 5, () => m.rating_error_stars()),
		tags: z
			.preprocess(
				(v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
				z.array(z.enum(quickTags, { error: () => m.rating_error_tags() }), {
					error: () => m.rating_error_tags()
				})
			)
			.transform((tags) => [...new Set(tags)]),
		comment: z.preprocess(
			blankToUndefined,
			z
				.string({ error: () => m.rating_error_comment({ max: commentMaxLength }) })
				.trim()
				.max(commentMaxLength, { error: () => m.rating_error_comment({ max: commentMaxLength }) })
				.optional()
		)
	},
	{ error: () => m.error_form_invalid() }
);
export type RatingInput = z.infer<typeof ratingInput>;

export const replyInput = z.object(
	{
		ratingId: recordId(() => m.error_bad_id()),
		reply: z
			.string({ error: () => m.rating_error_reply({ max: replyMaxLength }) })
			.trim()
			.min(1, { error: () => m.rating_error_reply({ max: replyMaxLength }) })
			.max(replyMaxLength, { error: () => m.rating_error_reply({ max: replyMaxLength }) })
	},
	{ error: () => m.error_form_invalid() }
);

export const ratingIdInput = z.object(
	{
		ratingId: recordId(() => m.error_bad_id())
	},
	{ error: () => m.error_form_invalid() }
);
