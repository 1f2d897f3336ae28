import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireAdmin } from '$lib/server/auth/guards';
import {
	appendPiece,
	finishUpload,
	pieceExpected,
	uploadChunkBytes,
	uploadStatus,
	type UploadAnswer
} from '$lib/server/planning/import-upload';
import { answerAfterBody, readPiece, uploadWriter } from '$lib/server/planning/upload-request';
import { integerParam } from '$lib/server/planning/params';
import { apiError, apiFailure } from '$lib/server/refusal';

function answer(result: UploadAnswer | null, status = 200): Response {
	if (!result) return apiError('not_found', m.error_not_found());
	if (!result.ok) return apiFailure(result.refusal);
	return json(result.status, { status });
}

/**
 * How far an upload got: bytes received, rows checked, then its report. Every verb here may reach
 * another process than the start did (WORKERS > 1): the uploads are shared (import-upload-store.ts).
 */
export const GET: RequestHandler = async (event) => {
	const admin = requireAdmin(event);
	const status = await uploadStatus(event.params.id, admin.id);
	return answer(status && { ok: true, status });
};

/**
 * One piece of the file (`?offset=` where it starts), at most the piece size given at the start.
 * Checked before its bytes are read (another site, not an administrator, not theirs, not where the
 * received bytes end), and every answer waits for the end of the body (answerAfterBody).
 */
export const PUT: RequestHandler = (event) =>
	answerAfterBody(event.request, async () => {
		const admin = uploadWriter(event);
		if (admin instanceof Response) return admin;
		const offset = integerParam(event.url, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0;
		const expected = pieceExpected(event.params.id, admin.id, offset);
		if (!expected?.ok) return answer(expected);
		const piece = await readPiece(event.request, uploadChunkBytes);
		if (!piece) return apiError('too_large', m.error_body_too_large());
		// checked again: another piece may have arrived while this one was read
		return answer(await appendPiece(event.params.id, admin.id, offset, piece));
	});

/** The last piece arrived: read and write it now (202; the status tells how far it got). */
export const POST: RequestHandler = (event) =>
	answerAfterBody(event.request, async () => {
		const admin = uploadWriter(event);
		if (admin instanceof Response) return admin;
		return answer(await finishUpload(event.locals.db, event.params.id, admin.id), 202);
	});
