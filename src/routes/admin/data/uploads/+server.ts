import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireAdmin } from '$lib/server/auth/guards';
import { startUpload, uploadChunkBytes } from '$lib/server/planning/import-upload';

const uploadInput = z.object({
	kind: z.enum(['residences', 'servicePoints', 'network']),
	name: z.string().max(200),
	mode: z.enum(['partial', 'all']),
	size: z.number().int().min(0)
});

/**
 * Starts an import sent in pieces (a file larger than a request body may be): answers the upload's
 * id and the piece size; the pieces go to ./[id] (see import-upload.ts).
 */
export const POST: RequestHandler = async (event) => {
	const admin = requireAdmin(event);
	const input = uploadInput.safeParse(await event.request.json().catch(() => null));
	if (!input.success) return json({ message: m.error_form_invalid() }, { status: 400 });
	const answer = startUpload(admin.id, input.data);
	if (!answer.ok) return json({ message: answer.message }, { status: 400 });
	return json({ ...answer.status, chunkBytes: uploadChunkBytes }, { status: 201 });
};
