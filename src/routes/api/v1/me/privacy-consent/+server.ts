import type { RequestHandler } from './$types';
import { z } from 'zod';
import { privacyNoticeVersion } from '$lib/privacy';
import { requireUser } from '$lib/server/auth/guards';
import { recordConsent } from '$lib/server/accounts/privacy';
import { m } from '$lib/paraglide/messages';
import { invalidInput, jsonBody, parse } from '$lib/server/validation';

const consent = z.object(
	{
		version: z.literal(privacyNoticeVersion, {
			error: () => m.accounts_error_notice_version({ version: privacyNoticeVersion })
		})
	},
	{ error: () => m.error_form_invalid() }
);

/**
 * POST {version} → 204: the signed-in person agrees to the privacy notice of that version (the
 * current one, which GET /privacy shows; an app shows it first). The version and time are kept.
 */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const body = await jsonBody(event.request);
	if (!body.ok) return body.response;
	const parsed = parse(consent, body.body);
	if (!parsed.ok) return invalidInput(parsed);
	await recordConsent(event.locals.db, user.id);
	return new Response(null, { status: 204 });
};
