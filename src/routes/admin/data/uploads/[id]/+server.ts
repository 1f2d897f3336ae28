import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireAdmin } from '$lib/server/auth/guards';
import {
	appendPiece,
	finishUpload,
	uploadChunkBytes,
	uploadStatus,
	type UploadAnswer
} from '$lib/server/planning/import-upload';
import { integerParam } from '$lib/server/planning/params';
import { apiError, apiFailure } from '$lib/server/refusal';

function answer(result: UploadAnswer | null, status = 200): Response {
	if (!result) return apiError('not_found', m.error_not_found());
	if (!result.ok) return apiFailure(result.refusal);
	return json(result.status, { status });
}

/** How far an upload got: bytes received, rows checked, then its report. */
export const GET: RequestHandler = (event) => {
	const admin = requireAdmin(event);
	const status = uploadStatus(event.params.id, admin.id);
	return answer(status && { ok: true, status });
};

/** One piece of the file (`?offset=` where it starts), at most the piece size given at the start. */
export const PUT: RequestHandler = async (event) => {
	const admin = requireAdmin(event);
	const offset = integerParam(event.url, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0;
	// read whole even when too large (BODY_SIZE_LIMIT bounds it): answering before the body is read
	// resets the connection, and the client's next request on it fails
	const piece = new Uint8Array(await event.request.arrayBuffer());
	if (piece.length > uploadChunkBytes)
		return apiError('too_large', m.plan_import_too_large());
	return answer(appendPiece(event.params.id, admin.id, offset, piece));
};

/** The last piece arrived: read and write it now (202; the status tells how far it got). */
export const POST: RequestHandler = async (event) => {
	const admin = requireAdmin(event);
	return answer(await finishUpload(event.locals.db, event.params.id, admin.id), 202);
};
