import { json, type RequestEvent } from '@sveltejs/kit';
import type { Locale } from '$lib/paraglide/runtime';
import { landingAfterSignIn } from './landing';
import { meJson } from './respond';
import { issueBearer, signIn } from './sign-in';

/**
 * The JSON API's answer to a person who just proved who they are: the session cookie (the web's
 * default), or with `token` a bearer token for an app or mini-program, returned once in the body
 * with its expiry (no cookie is set). `home` is where a client shows the person next.
 */
export async function apiSignIn(
	event: RequestEvent,
	signedIn: { userId: number; locale: Locale },
	options: { token: boolean; next: unknown; status?: number }
): Promise<Response> {
	const next = typeof options.next === 'string' ? options.next : event.url.searchParams.get('next');
	const init = { status: options.status ?? 200 };
	if (options.token) {
		const { token, expiresAt, user } = await issueBearer(event, signedIn.userId);
		const home = landingAfterSignIn(user, event.cookies, next);
		return json(
			{ user: meJson(user), home, token, tokenType: 'Bearer', expiresAt: expiresAt.toISOString() },
			init
		);
	}
	const user = await signIn(event, signedIn.userId, signedIn.locale);
	return json({ user: meJson(user), home: landingAfterSignIn(user, event.cookies, next) }, init);
}
