import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { mobilePattern } from '$lib/phone';
import { isCommonPassword } from './common-passwords';
import { decimalNumber, recordId, wholeNumber } from '../numbers';

/**
 * One schema per input, shared by the form actions and the JSON API. Messages are functions, so
 * they are rendered in the language of the request being validated.
 */

export const nameMaxLength = 40;

/** An object schema whose own type error (an array, a string…) is a message in the user's language. */
const object = <Shape extends z.ZodRawShape>(shape: Shape) =>
	z.object(shape, { error: () => m.error_form_invalid() });
export const passwordMinLength = 8;
export const passwordMaxLength = 128;

const blankToUndefined = (value: unknown) =>
	value === '' || value === null || value === undefined ? undefined : value;

const text = (required: () => string) =>
	z.string({ error: required }).trim().min(1, { error: required });

// Letters of any script, combining marks, spaces and the few marks names carry (· . - ').
const namePattern = /^[\p{L}\p{M}][\p{L}\p{M}·•.'\- ]*$/u;

export const name = text(() => m.error_name_required())
	.max(nameMaxLength, { error: () => m.error_name_too_long({ max: nameMaxLength }) })
	.regex(namePattern, { error: () => m.error_name_invalid() });

export const phone = z
	.string({ error: () => m.error_phone_invalid() })
	.trim()
	.regex(mobilePattern, { error: () => m.error_phone_invalid() });

/** A new password: long enough and not one of the first guesses. */
export const newPassword = z
	.string({ error: () => m.error_password_required() })
	.min(passwordMinLength, { error: () => m.error_password_short({ min: passwordMinLength }) })
	.max(passwordMaxLength, { error: () => m.error_password_long({ max: passwordMaxLength }) })
	.refine((value) => !isCommonPassword(value), { error: () => m.error_password_common() });

/** An existing password, as typed at login: only bounded, never trimmed. */
export const currentPassword = z
	.string({ error: () => m.error_password_required() })
	.min(1, { error: () => m.error_password_required() })
	.max(passwordMaxLength, { error: () => m.error_password_long({ max: passwordMaxLength }) });

export const communityCode = z
	.string({ error: () => m.error_community_required() })
	.regex(/^\d{12}$/, { error: () => m.error_community_required() });

const id = (message: () => string) => z.preprocess(blankToUndefined, recordId(message).optional());

const birthYearMessage = () => m.error_birth_year_invalid({ max: new Date().getFullYear() });
const birthYear = z.preprocess(
	blankToUndefined,
	wholeNumber(1900, 9999, birthYearMessage)
		.refine((year) => year <= new Date().getFullYear(), { error: birthYearMessage })
		.optional()
);

/** A form checkbox ('on' or absent) or a JSON boolean. */
const flag = z.preprocess(
	(value) => (value === 'on' || value === 'true' ? true : value === undefined ? false : value),
	z.boolean({ error: () => m.error_choice_invalid() })
);

/** The password must not be, or contain, the person's own mobile number. */
const notOwnPhone = (value: { password: string; phone: string }) =>
	!isCommonPassword(value.password, value.phone);

/** 同意: the privacy notice must be agreed to (a ticked checkbox, or `true` in JSON). */
const consent = flag.refine((value) => value, { error: () => m.accounts_error_consent_required() });

export const registration = object({
	name,
	phone,
	password: newPassword,
	communityCode: z.preprocess(blankToUndefined, communityCode.optional()),
	homeResidenceId: id(() => m.error_residence_unknown()),
	birthYear,
	consent
})
	.refine(notOwnPhone, { path: ['password'], error: () => m.error_password_is_phone() })
	.refine((value) => value.communityCode || value.homeResidenceId, {
		path: ['communityCode'],
		error: () => m.error_community_required()
	});
export type Registration = z.infer<typeof registration>;

export const verificationCode = z
	.string({ error: () => m.error_code_invalid() })
	.trim()
	.regex(/^\d{6}$/, { error: () => m.error_code_invalid() });

/** The ticket the client holds for a registration in progress (a cookie on the pages). */
export const ticket = z
	.string({ error: () => m.error_ticket_invalid() })
	.regex(/^[a-z2-7]{32}$/, { error: () => m.error_ticket_invalid() });

export const verification = object({ code: verificationCode });
export const apiVerification = object({ ticket, code: verificationCode });

/**
 * `code`: the texted code, needed once an account is locked by failed logins (blank: none), with the
 * `ticket` POST auth/login/code answered (the pages keep it in a cookie).
 */
export const login = object({
	phone,
	password: currentPassword,
	code: z.preprocess(blankToUndefined, verificationCode.optional()),
	ticket: z.preprocess(blankToUndefined, ticket.optional())
});

/** Asking for a login code, or staff texting the elder's code at the desk. */
export const loginCodeRequest = object({ phone });

/** 短信验证码登录: the phone, the texted code and the ticket of the request that asked for it. */
export const codeLogin = object({ phone, code: verificationCode, ticket });

/**
 * The API's login may ask for a bearer token instead of the cookie (`"token": true`); the rest of
 * the body (and a body that is no object) is the login schema's to judge.
 */
export const tokenWanted = z.preprocess(
	(value) => (value && typeof value === 'object' && !Array.isArray(value) ? value : {}),
	z.object({ token: flag })
);

/** 找回密码: the texted reset code with its ticket, and the new password. */
export const passwordReset = object({
	phone,
	code: verificationCode,
	ticket,
	password: newPassword
}).refine(notOwnPhone, { path: ['password'], error: () => m.error_password_is_phone() });

/** 修改密码 in the profile: the current password and a new one (not the person's own phone). */
export const passwordChange = (ownPhone: string) =>
	object({ currentPassword, password: newPassword }).refine(
		(value) => !isCommonPassword(value.password, ownPhone),
		{ path: ['password'], error: () => m.error_password_is_phone() }
	);

/** Staff at the desk: the link, and the code the elder was texted (blank until it is asked for). */
export const deskConfirmation = object({
	linkId: id(() => m.error_bad_id()).pipe(z.number()),
	code: z.preprocess(blankToUndefined, verificationCode.optional())
});

export const walkingSpeedMps = z.preprocess(
	blankToUndefined,
	decimalNumber(0.2, 3, () => m.error_speed_invalid()).optional()
);

export const profile = object({
	name,
	communityCode,
	homeResidenceId: id(() => m.error_residence_unknown()),
	walkingSpeed: z.enum(['standard', 'slow', 'custom'], { error: () => m.error_choice_invalid() }),
	walkingSpeedMps,
	locale: z.enum(['zh-CN', 'en'], { error: () => m.error_choice_invalid() }),
	elderMode: flag
}).refine((value) => value.walkingSpeed !== 'custom' || value.walkingSpeedMps !== undefined, {
	path: ['walkingSpeedMps'],
	error: () => m.error_speed_invalid()
});
export type Profile = z.infer<typeof profile>;

export const invitation = object({ phone });

export const linkAction = object({ linkId: id(() => m.error_bad_id()).pipe(z.number()) });

export const deletion = object({ password: currentPassword });

const codes = (pattern: RegExp) =>
	z.preprocess(
		(value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
		z.array(z.string().regex(pattern, { error: () => m.error_choice_invalid() })).max(100)
	);

export const staffAccount = object({
	name,
	phone,
	password: newPassword,
	role: z.enum(['staff', 'admin'], { error: () => m.error_choice_invalid() }),
	communityCodes: codes(/^\d{12}$/),
	streetCodes: codes(/^\d{9}$/)
})
	.refine(notOwnPhone, { path: ['password'], error: () => m.error_password_is_phone() })
	.refine(
		(value) => value.role === 'admin' || value.communityCodes.length + value.streetCodes.length > 0,
		{ path: ['communityCodes'], error: () => m.error_scope_required() }
	);
export type StaffAccount = z.infer<typeof staffAccount>;

/** An administrator acting on one staff account (disable, enable). */
export const staffTarget = object({ userId: id(() => m.error_bad_id()).pipe(z.number()) });

/** A staff member's new scope: communities and streets, at least one. */
export const staffScopeChange = object({
	userId: id(() => m.error_bad_id()).pipe(z.number()),
	communityCodes: codes(/^\d{12}$/),
	streetCodes: codes(/^\d{9}$/)
}).refine((value) => value.communityCodes.length + value.streetCodes.length > 0, {
	path: ['communityCodes'],
	error: () => m.error_scope_required()
});
