import { fail, json, type RequestEvent } from '@sveltejs/kit';
import { jsonError } from '../http';
import { echo } from '../validation';
import type { SessionUser } from './session';

type Refusal = { status: number; message: string; retryAfterS?: number; reason?: string };

/** A form action's failure: the message, per-field errors and the values echoed (no secrets). */
export function formFailure<Extra extends Record<string, unknown> = Record<never, never>>(
	event: Pick<RequestEvent, 'setHeaders'>,
	refusal: Refusal & { errors?: Record<string, string> },
	input: Record<string, string | string[]>,
	extra?: Extra
) {
	if (refusal.retryAfterS) event.setHeaders({ 'retry-after': String(refusal.retryAfterS) });
	return fail(refusal.status, {
		message: refusal.message,
		errors: refusal.errors ?? {},
		values: echo(input),
		...(extra as Extra)
	});
}

/** The API's answer to a refusal, with Retry-After on 429. */
export function apiFailure(refusal: Refusal & { errors?: Record<string, string> }): Response {
	const code = refusal.reason
		? refusal.reason
		: refusal.status === 429
			? 'rate_limited'
			: refusal.status === 410
				? 'code_expired'
				: 'invalid_input';
	const response = refusal.errors
		? json(
				{
					error: {
						code,
						message: Object.values(refusal.errors)[0] ?? refusal.message,
						fields: refusal.errors
					}
				},
				{ status: refusal.status }
			)
		: jsonError(refusal.status, code, refusal.message);
	if (refusal.retryAfterS) response.headers.set('retry-after', String(refusal.retryAfterS));
	return response;
}

/** What the API says about the signed-in person: their own data, never a hash or token. */
export function meJson(user: SessionUser) {
	return {
		id: user.id,
		name: user.name,
		phone: user.phone,
		role: user.role,
		communityCode: user.communityCode,
		homeResidenceId: user.homeResidenceId,
		walkingSpeed: user.walkingSpeed,
		walkingSpeedMps: user.walkingSpeedMps,
		elderMode: user.elderMode,
		locale: user.locale
	};
}
