import type { RequestEvent } from '@sveltejs/kit';
import { codeForStatus, pageFailure, refuse, type Refusal } from '../refusal';
import { echo } from '../validation';
import type { SessionUser } from './session';
import { consentRequired } from '$lib/privacy';

/** How the auth and accounts verbs refuse: `{ ok: false, status, message, … }` (their results' shape). */
export type AuthRefused = {
	status: number;
	message: string;
	retryAfterS?: number;
	reason?: 'code_required' | 'account_disabled';
	errors?: Record<string, string>;
};

/** An auth or accounts refusal as the one Refusal: its code from the reason, else from the status. */
export function authRefusal(refused: AuthRefused): Refusal {
	return refuse(refused.reason ?? codeForStatus(refused.status), refused.message, {
		...(refused.errors ? { errors: refused.errors } : {}),
		...(refused.retryAfterS ? { retryAfterS: refused.retryAfterS } : {})
	});
}

/** A form action's failure: the message, per-field errors and the values echoed (no secrets). */
export function formFailure<Extra extends Record<string, unknown> = Record<never, never>>(
	event: Pick<RequestEvent, 'setHeaders'>,
	refused: AuthRefused,
	input: Record<string, string | string[]>,
	extra?: Extra
) {
	return pageFailure(
		authRefusal(refused),
		{ errors: refused.errors ?? {}, values: echo(input), ...(extra as Extra) },
		event
	);
}

/** What the API says about the signed-in person: their own data, never a hash or token. */
const meFields = [
	'id',
	'name',
	'phone',
	'role',
	'communityCode',
	'homeResidenceId',
	'walkingSpeed',
	'walkingSpeedMps',
	'elderMode',
	'locale'
] as const satisfies readonly (keyof SessionUser)[];

/**
 * `privacyConsentRequired`: a resident who has not agreed to the current privacy notice; an app
 * shows /privacy and sends POST /api/v1/me/privacy-consent (the web asks on the next page).
 */
export function meJson(
	user: SessionUser
): Pick<SessionUser, (typeof meFields)[number]> & { privacyConsentRequired: boolean } {
	return {
		...(Object.fromEntries(meFields.map((field) => [field, user[field]])) as Pick<
			SessionUser,
			(typeof meFields)[number]
		>),
		privacyConsentRequired: consentRequired(user)
	};
}
