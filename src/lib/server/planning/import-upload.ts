import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { CoordinateDatum } from '$lib/geo';
import { m } from '$lib/paraglide/messages';
import { importUploadLimits } from '../config';
import type { Db } from '../db';
import { refuse, type Code, type Refusal } from '../refusal';
import { maxImportBytes, type ImportMode, type ImportReport } from './import-rows';
import { readAndWrite } from './import-upload-read';
import {
	createStaged,
	isUploadId,
	listUploads,
	processAlive,
	readUpload,
	removeUpload,
	stagedFile,
	underLock,
	writePiece,
	writeUpload
} from './import-upload-store';

// Imports larger than a request body may be (BODY_SIZE_LIMIT, 256K by default, holds for every
// route): the browser sends the file in pieces under the limit, each written to a staged file at
// its offset (a piece sent twice is refused, and the answer says where to go on); then the staged
// file is read as a stream, row by row, with other requests served in between, and the good rows
// are written in one transaction (or none of them: "all or nothing"; import-upload-read.ts). The
// administrator's page polls the upload's state: received bytes, then rows checked, then the report.
// Each request may reach another process of the server (WORKERS > 1, no sticky sessions): the
// uploads are kept in a folder those processes share, and every check with the change it allows is
// made under that folder's lock (import-upload-store.ts), so the limits, the offsets and the one
// finish hold across the processes. The import itself runs in the process that took the finish.

export type UploadKind = 'residences' | 'servicePoints' | 'network';
export type UploadState = 'uploading' | 'reading' | 'writing' | 'done' | 'failed';

/** a CSV of 600,000 residences is about 50 MB */
export const maxUploadBytes = 256 * 1024 * 1024;
/** the pieces the browser sends: under BODY_SIZE_LIMIT's default with room to spare */
export const uploadChunkBytes = 192 * 1024;
/**
 * Uploads under way (receiving, being read or written): at most IMPORT_UPLOADS_PER_ADMIN per
 * administrator, so that one of them (or a script with their session) cannot take every place,
 * and IMPORT_UPLOADS_MAX for all of them, which bounds the staged bytes on disk (256 MB each) and
 * the rows read into memory at once (counted over every process of the server). An upload that
 * receives no piece for IMPORT_UPLOAD_IDLE_SECONDS is abandoned: dropped, its file deleted, its
 * place free (the browser sends the pieces back to back; a 192 KB piece takes 25 s even at
 * 64 kbit/s).
 */
const { perAdmin: maxUploadsPerAdmin, max: maxUploads } = importUploadLimits;
const abandonedMs = importUploadLimits.idleSeconds * 1000;
/** how often the process reading an upload stores how far it got, for the status of any process */
const progressMs = 200;
/** a finished upload's report is kept this long, and at most this many per administrator */
const keptReportMs = 10 * 60 * 1000;
const keptReportsPerAdmin = 4;

export interface UploadStatus {
	id: string;
	kind: UploadKind;
	state: UploadState;
	size: number;
	received: number;
	/** bytes of the staged file read so far */
	read: number;
	rows: number;
	report?: ImportReport;
	lines?: number;
	message?: string;
}

export interface Upload extends UploadStatus {
	name: string;
	mode: ImportMode;
	/** when its last piece arrived (or it started): polling its status does not keep it alive */
	pieceAt: number;
	/** when it started (unique and increasing across the processes: the order of the reports) */
	startedAt: number;
	/** the coordinate system of the file's points (stored as WGS84) */
	datum: CoordinateDatum;
	actorUserId: number;
	file: string;
	touched: number;
	/** the process reading and writing it (after the finish) */
	reader?: number;
}

function status(upload: Upload): UploadStatus {
	const { id, kind, state, size, received, read, rows, report, lines, message } = upload;
	return { id, kind, state, size, received, read, rows, report, lines, message };
}

export type UploadAnswer = { ok: true; status: UploadStatus } | { ok: false; refusal: Refusal };

const refused = (
	code: Code,
	message: string,
	details?: { retryAfterS?: number }
): UploadAnswer => ({
	ok: false,
	refusal: refuse(code, message, details)
});

const underWay = (u: Upload) =>
	u.state === 'uploading' || u.state === 'reading' || u.state === 'writing';

const abandoned = (u: Upload, now: number) =>
	u.state === 'uploading' && now - u.pieceAt > abandonedMs;

/**
 * Drops the abandoned uploads (no piece for a while) and the reports kept long enough, or beyond
 * the few kept per administrator (oldest first); an upload whose reading process died (a worker
 * killed mid-import: its transaction was rolled back) has failed. Under the lock; called by every
 * verb, so a drop never waits for the next start. Answers the uploads that remain.
 */
function sweep(now: number): Upload[] {
	const reports = new Map<number, number>();
	const kept: Upload[] = [];
	for (const upload of listUploads().reverse()) {
		if (underWay(upload)) {
			if (abandoned(upload, now)) {
				removeUpload(upload.id);
				continue;
			}
			if (upload.state === 'uploading' || !upload.reader || processAlive(upload.reader)) {
				kept.push(upload);
				continue;
			}
			upload.state = 'failed';
			upload.message = m.plan_import_unreadable();
			upload.touched = now;
			rmSync(upload.file, { force: true });
			writeUpload(upload);
		}
		const count = (reports.get(upload.actorUserId) ?? 0) + 1;
		reports.set(upload.actorUserId, count);
		if (now - upload.touched > keptReportMs || count > keptReportsPerAdmin) removeUpload(upload.id);
		else kept.push(upload);
	}
	return kept;
}

/**
 * A new upload of `size` bytes (nothing is read before its last piece arrives). The count and the
 * new upload's state are one step under the lock, so parallel starts (on any process) cannot pass
 * the limits together.
 */
export async function startUpload(
	actorUserId: number,
	input: {
		kind: UploadKind;
		name: string;
		mode: ImportMode;
		size: number;
		coordinates?: CoordinateDatum;
	}
): Promise<UploadAnswer> {
	if (input.size <= 0) return refused('invalid_input', m.plan_import_no_file());
	if (input.size > maxUploadBytes) return refused('too_large', m.plan_import_upload_too_large());
	// a street network and a GeoJSON file are read whole (no rows to stream on): refused before a
	// byte is sent rather than after the administrator has waited for hundreds of megabytes
	if (input.kind === 'network' && input.size > maxImportBytes)
		return refused('too_large', m.plan_import_network_too_large());
	if (/\.(geo)?json$/i.test(input.name) && input.size > maxImportBytes)
		return refused('too_large', m.plan_import_geojson_too_large());
	// come back when an abandoned one may have been dropped (or a minute, whichever is sooner)
	const retryAfterS = Math.min(60, importUploadLimits.idleSeconds);
	return underLock(() => {
		const now = Date.now();
		const uploads = sweep(now);
		const active = uploads.filter(underWay);
		if (active.filter((u) => u.actorUserId === actorUserId).length >= maxUploadsPerAdmin)
			return refused('rate_limited', m.plan_import_busy_own({ count: maxUploadsPerAdmin }), {
				retryAfterS
			});
		if (active.length >= maxUploads)
			return refused('rate_limited', m.plan_import_busy(), { retryAfterS });
		const id = randomBytes(12).toString('base64url');
		const upload: Upload = {
			id,
			kind: input.kind,
			name: input.name.slice(0, 200),
			mode: input.mode,
			datum: input.coordinates ?? 'wgs84',
			size: input.size,
			received: 0,
			read: 0,
			rows: 0,
			state: 'uploading',
			actorUserId,
			file: stagedFile(id),
			touched: now,
			pieceAt: now,
			startedAt: Math.max(now, ...uploads.map((u) => u.startedAt + 1))
		};
		createStaged(id);
		writeUpload(upload);
		return { ok: true, status: status(upload) };
	});
}

/**
 * The caller's upload as stored (an id that is not one of ours, `__proto__` included, is just
 * unknown; an abandoned one is gone even before a sweep drops it).
 */
function own(id: string, actorUserId: number, now: number): Upload | undefined {
	if (!isUploadId(id)) return undefined;
	const upload = readUpload(id);
	if (!upload || upload.actorUserId !== actorUserId || abandoned(upload, now)) return undefined;
	return upload;
}

/**
 * `work` on the caller's upload, under the lock and after a sweep (so what it checks is what it
 * changes); null when the upload is not the caller's.
 */
async function withOwnUpload<T>(
	id: string,
	actorUserId: number,
	work: (upload: Upload, now: number) => T
): Promise<T | null> {
	if (!isUploadId(id)) return null;
	return underLock(() => {
		const now = Date.now();
		sweep(now);
		const upload = own(id, actorUserId, now);
		return upload ? work(upload, now) : null;
	});
}

/** The state of an upload (only its administrator sees it), from whichever process asks. */
export async function uploadStatus(id: string, actorUserId: number): Promise<UploadStatus | null> {
	return withOwnUpload(id, actorUserId, (upload, now) => {
		// a report is kept a while after its administrator last looked (the reader stores the rest)
		if (!underWay(upload)) {
			upload.touched = now;
			writeUpload(upload);
		}
		return status(upload);
	});
}

/** The refusal of a piece at `offset` for this upload, if any. */
function misplaced(upload: Upload, offset: number): UploadAnswer | null {
	if (upload.state !== 'uploading' || offset !== upload.received)
		return refused('out_of_order', m.plan_import_piece_out_of_order({ received: upload.received }));
	return null;
}

/**
 * Whether a piece at `offset` would be taken, asked before its body is read (without the lock: a
 * hint; appendPiece checks again): null when the upload is not the caller's (not found), else the
 * refusal appendPiece would answer, or ok.
 */
export function pieceExpected(
	id: string,
	actorUserId: number,
	offset: number
): UploadAnswer | null {
	const upload = own(id, actorUserId, Date.now());
	if (!upload) return null;
	return misplaced(upload, offset) ?? { ok: true, status: status(upload) };
}

/**
 * Writes a piece at `offset`: it must start where the received bytes end (a repeated or lost
 * piece is refused, and the status says how much arrived) and stay within the announced size.
 * The check and the write are one step under the lock: two copies of a piece sent to two
 * processes cannot both be taken.
 */
export async function appendPiece(
	id: string,
	actorUserId: number,
	offset: number,
	piece: Uint8Array
): Promise<UploadAnswer | null> {
	return withOwnUpload(id, actorUserId, (upload, now): UploadAnswer => {
		const refusal = misplaced(upload, offset);
		if (refusal) return refusal;
		if (piece.length === 0 || upload.received + piece.length > upload.size)
			return refused('too_large', m.plan_import_piece_past_size({ size: upload.size }));
		writePiece(id, offset, piece);
		upload.received += piece.length;
		upload.touched = upload.pieceAt = now;
		writeUpload(upload);
		return { ok: true, status: status(upload) };
	});
}

/**
 * Starts reading and writing a completely received upload, in this process; its status (from any
 * process) tells how far it got. Of two finishes, on one process or two, one starts it and the
 * other is refused: the state leaves "uploading" under the lock.
 */
export async function finishUpload(
	db: Db,
	id: string,
	actorUserId: number
): Promise<UploadAnswer | null> {
	const answer = await withOwnUpload(
		id,
		actorUserId,
		(upload, now): { upload: Upload } | UploadAnswer => {
			if (upload.state !== 'uploading' || upload.received !== upload.size)
				return refused(
					'out_of_order',
					m.plan_import_incomplete({ received: upload.received, size: upload.size })
				);
			upload.state = 'reading';
			upload.reader = process.pid;
			upload.touched = now;
			writeUpload(upload);
			return { upload };
		}
	);
	if (!answer || !('upload' in answer)) return answer;
	void readAndStore(db, answer.upload);
	return { ok: true, status: status(answer.upload) };
}

/**
 * Runs the read and the write on `upload` (which readAndWrite updates as it goes), storing how far
 * it got every `progressMs` and at the end.
 */
async function readAndStore(db: Db, upload: Upload): Promise<void> {
	let storing: Promise<void> | null = null;
	const store = () =>
		(storing ??= underLock(() => {
			// dropped meanwhile (only if this process was taken for dead): nothing to bring back
			if (readUpload(upload.id)) writeUpload({ ...upload });
		})
			.catch(() => undefined)
			.finally(() => (storing = null)));
	const timer = setInterval(() => void store(), progressMs);
	try {
		await readAndWrite(db, upload);
	} finally {
		clearInterval(timer);
		await storing;
		await store();
	}
}
