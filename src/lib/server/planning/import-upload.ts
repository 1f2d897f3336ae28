import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoordinateDatum } from '$lib/geo';
import { m } from '$lib/paraglide/messages';
import { importUploadLimits } from '../config';
import type { Db } from '../db';
import { refuse, type Code, type Refusal } from '../refusal';
import { maxImportBytes, type ImportMode, type ImportReport } from './import-rows';
import { readAndWrite } from './import-upload-read';

// Imports larger than a request body may be (BODY_SIZE_LIMIT, 256K by default, holds for every
// route): the browser sends the file in pieces under the limit, each appended to a staged file at
// its offset (a piece sent twice is refused, and the answer says where to go on); then the staged
// file is read as a stream, row by row, with other requests served in between, and the good rows
// are written in one transaction (or none of them: "all or nothing"; import-upload-read.ts). The
// administrator's page polls the upload's state: received bytes, then rows checked, then the report.

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
 * the rows read into memory at once. An upload that receives no piece for
 * IMPORT_UPLOAD_IDLE_SECONDS is abandoned: dropped, its file deleted, its place free (the browser
 * sends the pieces back to back; a 192 KB piece takes 25 s even at 64 kbit/s).
 */
const { perAdmin: maxUploadsPerAdmin, max: maxUploads } = importUploadLimits;
const abandonedMs = importUploadLimits.idleSeconds * 1000;
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
	/** the coordinate system of the file's points (stored as WGS84) */
	datum: CoordinateDatum;
	actorUserId: number;
	file: string;
	touched: number;
}

const uploads = new Map<string, Upload>();
const directory = join(tmpdir(), `lifecircle-imports-${process.pid}`);

function status(upload: Upload): UploadStatus {
	const { id, kind, state, size, received, read, rows, report, lines, message } = upload;
	return { id, kind, state, size, received, read, rows, report, lines, message };
}

function drop(upload: Upload): void {
	uploads.delete(upload.id);
	rmSync(upload.file, { force: true });
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

/**
 * Drops the abandoned uploads (no piece for a while) and the reports kept long enough, or beyond
 * the few kept per administrator (oldest first: the map is in insertion order). Called by every
 * verb, so a drop never waits for the next start.
 */
function sweep(now: number): void {
	const reports = new Map<number, number>();
	for (const upload of [...uploads.values()].reverse()) {
		if (underWay(upload)) {
			if (upload.state === 'uploading' && now - upload.pieceAt > abandonedMs) drop(upload);
			continue;
		}
		const kept = (reports.get(upload.actorUserId) ?? 0) + 1;
		reports.set(upload.actorUserId, kept);
		if (now - upload.touched > keptReportMs || kept > keptReportsPerAdmin) drop(upload);
	}
}

/**
 * A new upload of `size` bytes (nothing is read before its last piece arrives). Synchronous from
 * the count to the insertion, so parallel starts cannot pass the limits together.
 */
export function startUpload(
	actorUserId: number,
	input: {
		kind: UploadKind;
		name: string;
		mode: ImportMode;
		size: number;
		coordinates?: CoordinateDatum;
	}
): UploadAnswer {
	const now = Date.now();
	sweep(now);
	if (input.size <= 0) return refused('invalid_input', m.plan_import_no_file());
	if (input.size > maxUploadBytes) return refused('too_large', m.plan_import_upload_too_large());
	// a street network and a GeoJSON file are read whole (no rows to stream on): refused before a
	// byte is sent rather than after the administrator has waited for hundreds of megabytes
	if (input.kind === 'network' && input.size > maxImportBytes)
		return refused('too_large', m.plan_import_network_too_large());
	if (/\.(geo)?json$/i.test(input.name) && input.size > maxImportBytes)
		return refused('too_large', m.plan_import_geojson_too_large());
	const active = [...uploads.values()].filter(underWay);
	// come back when an abandoned one may have been dropped (or a minute, whichever is sooner)
	const retryAfterS = Math.min(60, importUploadLimits.idleSeconds);
	if (active.filter((u) => u.actorUserId === actorUserId).length >= maxUploadsPerAdmin)
		return refused('rate_limited', m.plan_import_busy_own({ count: maxUploadsPerAdmin }), {
			retryAfterS
		});
	if (active.length >= maxUploads)
		return refused('rate_limited', m.plan_import_busy(), { retryAfterS });
	mkdirSync(directory, { recursive: true });
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
		file: join(directory, id),
		touched: now,
		pieceAt: now
	};
	appendFileSync(upload.file, new Uint8Array(0));
	uploads.set(id, upload);
	return { ok: true, status: status(upload) };
}

/** The caller's upload (a Map, so `__proto__` or `constructor` is just an unknown id). */
function own(id: string, actorUserId: number): Upload | undefined {
	sweep(Date.now());
	const upload = uploads.get(id);
	return upload && upload.actorUserId === actorUserId ? upload : undefined;
}

/** The state of an upload (only its administrator sees it). */
export function uploadStatus(id: string, actorUserId: number): UploadStatus | null {
	const upload = own(id, actorUserId);
	if (!upload) return null;
	upload.touched = Date.now();
	return status(upload);
}

/**
 * Whether a piece at `offset` would be taken, asked before its body is read: null when the upload
 * is not the caller's (not found), else the refusal appendPiece would answer, or ok.
 */
export function pieceExpected(
	id: string,
	actorUserId: number,
	offset: number
): UploadAnswer | null {
	const upload = own(id, actorUserId);
	if (!upload) return null;
	if (upload.state !== 'uploading' || offset !== upload.received)
		return refused('out_of_order', m.plan_import_piece_out_of_order({ received: upload.received }));
	return { ok: true, status: status(upload) };
}

/**
 * Appends a piece at `offset`: it must start where the received bytes end (a repeated or lost
 * piece is refused, and the status says how much arrived) and stay within the announced size.
 */
export function appendPiece(
	id: string,
	actorUserId: number,
	offset: number,
	piece: Uint8Array
): UploadAnswer | null {
	const expected = pieceExpected(id, actorUserId, offset);
	if (!expected?.ok) return expected;
	const upload = uploads.get(id)!;
	if (piece.length === 0 || upload.received + piece.length > upload.size)
		return refused('too_large', m.plan_import_piece_past_size({ size: upload.size }));
	appendFileSync(upload.file, piece);
	upload.received += piece.length;
	upload.touched = upload.pieceAt = Date.now();
	return { ok: true, status: status(upload) };
}

/** Starts reading and writing a completely received upload; its status tells how far it got. */
export function finishUpload(db: Db, id: string, actorUserId: number): UploadAnswer | null {
	const upload = own(id, actorUserId);
	if (!upload) return null;
	if (upload.state !== 'uploading' || upload.received !== upload.size)
		return refused(
			'out_of_order',
			m.plan_import_incomplete({ received: upload.received, size: upload.size })
		);
	upload.state = 'reading';
	void readAndWrite(db, upload);
	return { ok: true, status: status(upload) };
}
