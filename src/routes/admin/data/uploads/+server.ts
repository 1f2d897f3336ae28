import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { coordinateDatums } from '$lib/geo';
import { m } from '$lib/paraglide/messages';
import { startUpload, uploadChunkBytes } from '$lib/server/planning/import-upload';
import { answerAfterBody, uploadWriter } from '$lib/server/planning/upload-request';
import { apiError, apiFailure } from '$lib/server/refusal';
import { jsonBody } from '$lib/server/validation';

const uploadInput = z.object({
	kind: z.enum(['residences', 'servicePoints', 'network']),
	name: z.string().max(200),
	mode: z.enum(['partial', 'all']),
	size: z.number().int().min(0),
	/** the coordinate system of the file's points; WGS84 when not given */
	coordinates: z.enum(coordinateDatums).default('wgs84')
});

/**
 * Starts an import sent in pieces (a file larger than a request body may be): answers the upload's
 * id and the piece size; the pieces go to ./[id] (see import-upload.ts). Refusals in the API's
 * shape (`{"error": {"code", "message"}}`); the body must be JSON, and another site's page is
 * refused whatever it sends (uploadWriter).
 */
export const POST: RequestHandler = (event) =>
	answerAfterBody(event.request, async () => {
		const admin = uploadWriter(event);
		if (admin instanceof Response) return admin;
		const body = await jsonBody(event.request);
		if (!body.ok) return body.response;
		const input = uploadInput.safeParse(body.body);
		if (!input.success) return apiError('invalid_input', m.error_form_invalid());
		const answer = await startUpload(admin.id, input.data);
		if (!answer.ok) return apiFailure(answer.refusal);
		return json({ ...answer.status, chunkBytes: uploadChunkBytes }, { status: 201 });
	});
