import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { recordId } from '../numbers';

/** One schema per input, shared by the resident's form, the 长辈版 taps, the desk form and /api/v1/needs. */
export const needTextMaxLength = 500;
export const answerMaxLength = 500;
/** 其他: a need outside the service categories */
export const otherCategory = 'other';

const blankToUndefined = (value: unknown) =>
	value === '' || value === null || value === undefined ? undefined : value;

/** true/false from JSON, "on"/"true"/"1" or "false"/"0" from a form; absent = the default */
const flag = (fallback: boolean) =>
	z.preprocess(
		(v) => {
			if (v === undefined || v === null || v === '') return fallback;
			if (v === 'on' || v === 'true' || v === '1') return true;
			if (v === 'false' || v === '0' || v === 'off') return false;
			return v;
		},
		z.boolean({ error: () => m.needs_error_public() })
	);

export const needInput = z
	.object(
		{
			category: z
				.string({ error: () => m.needs_error_category() })
				.trim()
				.min(1, { error: () => m.needs_error_category() })
				.max(40, { error: () => m.needs_error_category() }),
			text: z
				.string({ error: () => m.needs_error_text({ max: needTextMaxLength }) })
				.trim()
				.min(1, { error: () => m.needs_error_text({ max: needTextMaxLength }) })
				.max(needTextMaxLength, { error: () => m.needs_error_text({ max: needTextMaxLength }) }),
			place: z.preprocess(
				(v) => blankToUndefined(v) ?? 'community',
				z.enum(['home', 'community'], { error: () => m.needs_error_place() })
			),
			public: flag(true),
			lng: z.preprocess(blankToUndefined, decimalOrNegative(-180, 180).optional()),
			lat: z.preprocess(blankToUndefined, decimalOrNegative(-90, 90).optional())
		},
		{ error: () => m.error_form_invalid() }
	)
	.refine((v) => (v.lng === undefined) === (v.lat === undefined), {
		path: ['lng'],
		error: () => m.needs_error_point()
	});
export type NeedInput = z.infer<typeof needInput>;

/** Longitude/latitude: a JSON number or its canonical text, within range. */
function decimalOrNegative(min: number, max: number) {
	return z.preprocess(
		(v) => (typeof v === 'string' && /^-?\d{1,3}(\.\d{1,8})?$/.test(v) ? Number(v) : v),
		z
			.number({ error: () => m.needs_error_point() })
			.min(min, { error: () => m.needs_error_point() })
			.max(max, { error: () => m.needs_error_point() })
	);
}

/** Staff at the desk or on the phone: the same need, for a person named by their phone (or nobody). */
export const deskNeedInput = z.object({
	community: z.string().regex(/^\d{12}$/, { error: () => m.needs_error_community() }),
	channel: z.enum(['desk', 'phone'], { error: () => m.needs_error_channel() }),
	phone: z.preprocess(
		blankToUndefined,
		z
			.string()
			.regex(/^1\d{10}$/, { error: () => m.needs_error_phone() })
			.optional()
	)
});

export const triageInput = z.discriminatedUnion(
	'action',
	[
		z.object({ action: z.literal('accept'), answer: optionalAnswer() }),
		z.object({
			action: z.literal('merge'),
			into: recordId(() => m.needs_error_merge()),
			answer: optionalAnswer()
		}),
		z.object({
			action: z.literal('decline'),
			answer: z
				.string({ error: () => m.needs_error_reason() })
				.trim()
				.min(1, { error: () => m.needs_error_reason() })
				.max(answerMaxLength, { error: () => m.needs_error_reason() })
		}),
		z.object({ action: z.literal('answer'), answer: requiredAnswer() })
	],
	{ error: () => m.needs_error_action() }
);
export type TriageInput = z.infer<typeof triageInput>;

function optionalAnswer() {
	return z.preprocess(
		blankToUndefined,
		z
			.string()
			.trim()
			.max(answerMaxLength, { error: () => m.needs_error_answer({ max: answerMaxLength }) })
			.optional()
	);
}

function requiredAnswer() {
	return z
		.string({ error: () => m.needs_error_answer({ max: answerMaxLength }) })
		.trim()
		.min(1, { error: () => m.needs_error_answer({ max: answerMaxLength }) })
		.max(answerMaxLength, { error: () => m.needs_error_answer({ max: answerMaxLength }) });
}

/** Ready-made needs for the 长辈版: one tap each, worded as the elder would say it. */
export const elderChoices = [
	{ key: 'meal', category: 'meal', text: () => m.needs_choice_meal() },
	{ key: 'escort', category: 'clinic', text: () => m.needs_choice_escort() },
	{ key: 'company', category: 'elderly_care', text: () => m.needs_choice_company() },
	{ key: 'repair', category: otherCategory, text: () => m.needs_choice_repair() },
	{ key: 'legal', category: 'legal', text: () => m.needs_choice_legal() },
	{ key: 'shop', category: 'convenience', text: () => m.needs_choice_shop() }
] as const;
export type ElderChoiceKey = (typeof elderChoices)[number]['key'];
