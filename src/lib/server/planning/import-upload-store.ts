import cluster from 'node:cluster';
import {
	closeSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
	writeSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Upload } from './import-upload';

/**
 * Where the uploads in pieces live, shared by every process of one server: `npm start` with
 * WORKERS > 1 runs several processes (node:cluster) and hands each connection to the next one (no
 * sticky sessions), so the start, the pieces, the status requests and the finish of one upload
 * reach different processes. Everything about an upload is therefore in one folder of the
 * machine's temporary directory, named after the cluster's primary (a worker's parent; a server
 * run without the cluster is its own primary), so a replaced worker finds the uploads of the one
 * it replaces, and two servers on one machine (the tests run several on one database) keep theirs
 * apart:
 * - `<id>`: the staged bytes, each piece written at its offset;
 * - `<id>.json`: the upload's state (written to a temporary file, then renamed over the old one:
 *   a reader sees the old state or the new one, never half of one), read by any process;
 * - `lock`: held (created exclusively, removed after) around every change of state, so that a
 *   check and the write it allows are one step across the processes: the limits counted at a
 *   start, a piece's offset, a finish's "still uploading". Every section under the lock is
 *   synchronous (a few small files read and written, a piece of 192 KB written), so it is held for
 *   milliseconds; its content is the holder's pid, and a lock whose holder has died (killed inside
 *   such a section) is removed by the next process that waits for it.
 * One machine only (the folder is local): several machines would need the state in the database
 * and the bytes on shared storage.
 */
const serverPid = cluster.isWorker ? process.ppid : process.pid;
export const uploadDirectory = join(tmpdir(), `lifecircle-imports-${serverPid}`);
const folderName = /^lifecircle-imports-(\d+)$/;
const lockFile = join(uploadDirectory, 'lock');
/** ids are 12 random bytes in base64url: anything else (`__proto__`, `..`) is not looked up */
const idPattern = /^[A-Za-z0-9_-]{16}$/;
const stateName = /^([A-Za-z0-9_-]{16})\.json$/;
/** a lock older than this is stale even if its pid is alive again (reused by another process) */
const staleLockMs = 30_000;

export const isUploadId = (id: string) => idPattern.test(id);
export const stagedFile = (id: string) => join(uploadDirectory, id);
const stateFile = (id: string) => join(uploadDirectory, `${id}.json`);

function errorCode(error: unknown): string | undefined {
	return (error as NodeJS.ErrnoException | null)?.code;
}

/** The stored state of an upload, or undefined (no such id, or not a well-formed one). */
export function readUpload(id: string): Upload | undefined {
	if (!isUploadId(id)) return undefined;
	try {
		return JSON.parse(readFileSync(stateFile(id), 'utf8')) as Upload;
	} catch (error) {
		if (errorCode(error) === 'ENOENT' || error instanceof SyntaxError) return undefined;
		throw error;
	}
}

/** Every stored upload, oldest start first. */
export function listUploads(): Upload[] {
	let names: string[];
	try {
		names = readdirSync(uploadDirectory);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') return [];
		throw error;
	}
	const uploads: Upload[] = [];
	for (const name of names) {
		const id = stateName.exec(name)?.[1];
		const upload = id && readUpload(id);
		if (upload) uploads.push(upload);
	}
	return uploads.sort((a, b) => a.startedAt - b.startedAt);
}

/** Stores an upload's state: a temporary file renamed over the old state (atomic). */
export function writeUpload(upload: Upload): void {
	const temporary = `${stateFile(upload.id)}.${process.pid}.tmp`;
	writeFileSync(temporary, JSON.stringify(upload));
	renameSync(temporary, stateFile(upload.id));
}

/** An upload's staged bytes and state, gone. */
export function removeUpload(id: string): void {
	rmSync(stagedFile(id), { force: true });
	rmSync(stateFile(id), { force: true });
}

/** A new upload's empty staged file. */
export function createStaged(id: string): void {
	writeFileSync(stagedFile(id), new Uint8Array(0));
}

/**
 * Writes a piece at its offset (not appended: a piece written again after a failed state write
 * lands where it belongs).
 */
export function writePiece(id: string, offset: number, piece: Uint8Array): void {
	const descriptor = openSync(stagedFile(id), 'r+');
	try {
		let written = 0;
		while (written < piece.length)
			written += writeSync(descriptor, piece, written, piece.length - written, offset + written);
	} finally {
		closeSync(descriptor);
	}
}

/** Whether a process (on this machine) is alive. */
export function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return errorCode(error) === 'EPERM';
	}
}

/**
 * Removes the lock when its holder died. Two waiters may both find it dead: the second would remove
 * the lock the first has just taken; the window needs a process killed inside a section of a few
 * milliseconds, then two waiters within the same microseconds, and is accepted.
 */
function breakDeadLock(): void {
	try {
		const holder = Number(readFileSync(lockFile, 'utf8'));
		const age = Date.now() - statSync(lockFile).mtimeMs;
		// an empty lock is one being written (its pid follows): only its age makes it stale
		const dead = Number.isInteger(holder) && holder > 0 && !processAlive(holder);
		if (dead || age > staleLockMs) rmSync(lockFile, { force: true });
	} catch (error) {
		if (errorCode(error) !== 'ENOENT') throw error;
	}
}

/**
 * Removes the folders of servers that are gone (their primary's pid not alive: stopped, crashed or
 * killed with uploads under way, whose staged bytes would stay in the temporary directory).
 */
export function removeDeadFolders(): void {
	for (const name of readdirSync(tmpdir())) {
		const pid = Number(folderName.exec(name)?.[1]);
		if (pid && pid !== serverPid && !processAlive(pid))
			rmSync(join(tmpdir(), name), { recursive: true, force: true });
	}
}

let deadFoldersRemoved = false;

async function acquire(): Promise<void> {
	if (!deadFoldersRemoved) {
		// once per process, on its first use of the uploads
		removeDeadFolders();
		deadFoldersRemoved = true;
	}
	mkdirSync(uploadDirectory, { recursive: true });
	for (;;) {
		try {
			writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			return;
		} catch (error) {
			if (errorCode(error) !== 'EEXIST') throw error;
		}
		breakDeadLock();
		// another process holds it for a few milliseconds
		await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 4));
	}
}

/** requests of this process wait for each other here, not by polling the file */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` (synchronous: no other request of any process changes the uploads meanwhile) under
 * the folder's lock.
 */
export function underLock<T>(work: () => T): Promise<T> {
	const run = queue.then(async () => {
		await acquire();
		try {
			return work();
		} finally {
			rmSync(lockFile, { force: true });
		}
	});
	queue = run.catch(() => undefined);
	return run;
}
