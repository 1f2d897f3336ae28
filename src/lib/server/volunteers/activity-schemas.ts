import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { isValidLocalDate, localMidnight, minuteMs } from '$lib/time';
import { recordId, wholeNumber } from '../numbers';
import { volunteerItems } from '../db/schema/volunteers';

/** One schema per input, shared by the staff form and the tests. Plain text: never kept as HTML. */
export const activityTitleMaxLength = 100;
export const activityDescriptionMaxLength = 500;
export const activityPlaceMaxLength = 100;
export const activityMaxCapacity = 200;
/** The items an activity may list: every service item, in the schema's order (the form's boxes). */
export const activityItemChoices: readonly string[] = volunteerItems;

const text = (max: number, message: () => string) =>
	z.string({ error: message }).trim().min(1, { error: message }).max(max, { error: message });

const clock = z
	.string({ error: () => m.volunteer_activity_error_time() })
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: () => m.volunteer_activity_error_time() });

const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The item codes a form sends (one field per ticked box), each a known item; at least one. */
const items = z.preprocess(
	(v) => (typeof v === 'string' ? [v] : v),
	z
		.array(z.enum(volunteerItems, { error: () => m.volunteer_activity_error_items() }), {
			error: () => m.volunteer_activity_error_items()
		})
		.min(1, { error: () => m.volunteer_activity_error_items() })
		.max(volunteerItems.length, { error: () => m.volunteer_activity_error_items() })
		.transform((list) => [...new Set(list)])
);

export const stationIdInput = z.object(
	{ station: recordId(() => m.error_not_found()) },
	{ error: () => m.error_form_invalid() }
);

export const activityInput = z
	.object(
		{
			station: recordId(() => m.error_not_found()),
			title: text(activityTitleMaxLength, () =>
				m.volunteer_activity_error_title({ max: activityTitleMaxLength })
			),
			description: z
				.string()
				.trim()
				.max(activityDescriptionMaxLength, {
					error: () => m.volunteer_activity_error_description({ max: activityDescriptionMaxLength })
				})
				.optional()
				.default(''),
			date: z
				.string({ error: () => m.volunteer_activity_error_date() })
				.refine(isValidLocalDate, { error: () => m.volunteer_activity_error_date() }),
			start: clock,
			end: clock,
			place: text(activityPlaceMaxLength, () =>
				m.volunteer_activity_error_place({ max: activityPlaceMaxLength })
			),
			capacity: wholeNumber(1, activityMaxCapacity, () =>
				m.volunteer_activity_error_capacity({ max: activityMaxCapacity })
			),
			items
		},
		{ error: () => m.error_form_invalid() }
	)
	.refine((v) => minuteOf(v.end) > minuteOf(v.start), {
		path: ['end'],
		error: () => m.volunteer_activity_error_end()
	})
	.transform(({ date, start, end, station, ...rest }) => ({
		...rest,
		stationId: station,
		startsAt: localMidnight(date) + minuteOf(start) * minuteMs,
		endsAt: localMidnight(date) + minuteOf(end) * minuteMs
	}));
export type ActivityInput = z.infer<typeof activityInput>;

export const activityIdInput = z.object(
	{ activity: recordId(() => m.error_not_found()) },
	{ error: () => m.error_form_invalid() }
);

/** Staff record who came: the sign-up ids ticked as attended (the others of the list did not come). */
export const attendanceInput = z.object(
	{
		activity: recordId(() => m.error_not_found()),
		attended: z.preprocess(
			(v) => (v === undefined ? [] : typeof v === 'string' ? [v] : v),
			z
				.array(
					recordId(() => m.error_form_invalid()),
					{ error: () => m.error_form_invalid() }
				)
				.max(activityMaxCapacity, { error: () => m.error_form_invalid() })
		)
	},
	{ error: () => m.error_form_invalid() }
);
