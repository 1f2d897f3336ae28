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

function answer(result: UploadAnswer | null, status = 200): Response {
	if (!result) return json({ message: m.error_not_found() }, { status: 404 });
	if (!result.ok) return json({ message: result.message }, { status: 409 });
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
	if (Number(event.request.headers.get('content-length') ?? 0) > uploadChunkBytes)
		return json({ message: m.plan_import_too_large() }, { status: 413 });
	const piece = new Uint8Array(await event.request.arrayBuffer());
	if (piece.length > uploadChunkBytes)
		return json({ message: m.plan_import_too_large() }, { status: 413 });
	return answer(appendPiece(event.params.id, admin.id, offset, piece));
};

/** The last piece arrived: read and write it now (202; the status tells how far it got). */
export const POST: RequestHandler = (event) => {
	const admin = requireAdmin(event);
	return answer(finishUpload(event.locals.db, event.params.id, admin.id), 202);
};
