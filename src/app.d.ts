// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionInfo, SessionUser } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			/** the database connection; routes pass it as the first argument of the verbs they call */
			db: Db;
			/** 长辈版: the large-text, simplified mode */
			elderMode: boolean;
			/** the signed-in person (filled by the session hook), or null */
			user: SessionUser | null;
			session: SessionInfo | null;
			/** an `Authorization: Bearer` token came with an /api/v1 request and is not valid */
			bearerRefused?: boolean;
			/** set when a costly page is asked for over the client's budget (public-budget) */
			overBudgetRetryAfterS?: number;
			/** set by handleError when the database could not take a write in time: answered 503 */
			databaseBusy?: boolean;
		}
	}
}

export {};
