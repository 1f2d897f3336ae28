import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openTestDatabase } from '../db';
import {
	appendPiece,
	finishUpload,
	pieceExpected,
	startUpload,
	uploadStatus,
	type UploadAnswer
} from './import-upload';
import { readUpload, removeDeadFolders, uploadDirectory, writeUpload } from './import-upload-store';

/**
 * The places for uploads under way (defaults: 2 per administrator, 4 in all), an abandoned upload
 * dropped after IMPORT_UPLOAD_IDLE_SECONDS (120) without a piece, and the reports kept per
 * administrator; the clock is vitest's.
 */
const input = { kind: 'network' as const, name: 'roads.geojson', mode: 'all' as const, size: 2 };

async function started(pending: Promise<UploadAnswer>): Promise<string> {
	const answer = await pending;
	if (!answer.ok) throw new Error(answer.refusal.message);
	return answer.status.id;
}

async function refusedCode(
	pending: Promise<UploadAnswer | null> | UploadAnswer | null
): Promise<string | undefined> {
	const answer = await pending;
	return answer && !answer.ok ? answer.refusal.code : undefined;
}

/** no uploads left by the tests before (the limits count every upload of the folder) */
function noUploads(): void {
	vi.useRealTimers();
	rmSync(uploadDirectory, { recursive: true, force: true });
}

afterAll(() => {
	vi.useRealTimers();
});

describe('uploads under way', () => {
	it('holds two per administrator and four in all; an upload without pieces is dropped', async () => {
		vi.useFakeTimers({ now: new Date('2026-12-01T08:00:00Z') });
		const first = await started(startUpload(1, input));
		const second = await started(startUpload(1, input));
		const third = await startUpload(1, input);
		expect(await refusedCode(third)).toBe('rate_limited');
		expect(!third.ok && third.refusal.retryAfterS).toBe(60);
		await started(startUpload(2, input));
		await started(startUpload(3, input));
		expect(await refusedCode(startUpload(4, input))).toBe('rate_limited');

		// the first keeps receiving pieces (one byte a minute); the status of the second is polled
		vi.advanceTimersByTime(60_000);
		expect((await appendPiece(first, 1, 0, new Uint8Array([123])))?.ok).toBe(true);
		expect((await uploadStatus(second, 1))?.state).toBe('uploading');
		vi.advanceTimersByTime(61_000);
		// 121 s without a piece: the others are gone, the first is not
		expect(await uploadStatus(second, 1)).toBeNull();
		expect(pieceExpected(second, 1, 0)).toBeNull();
		expect((await uploadStatus(first, 1))?.received).toBe(1);
		// so places are free again, for the fourth administrator and the first
		await started(startUpload(4, input));
		await started(startUpload(1, input));
		expect(await refusedCode(startUpload(1, input))).toBe('rate_limited');
		vi.advanceTimersByTime(121_000);
	});

	it('answers not found for another administrator and for names of object properties', async () => {
		const id = await started(startUpload(5, input));
		expect(await uploadStatus(id, 6)).toBeNull();
		expect(pieceExpected(id, 6, 0)).toBeNull();
		for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '../../../etc'])
			expect(await uploadStatus(name, 5)).toBeNull();
		expect(await refusedCode(pieceExpected(id, 5, 1))).toBe('out_of_order');
		vi.advanceTimersByTime(121_000);
	});

	it('keeps the four newest reports of an administrator', async () => {
		vi.useRealTimers();
		const db = await openTestDatabase();
		try {
			const ids: string[] = [];
			for (let i = 0; i < 6; i++) {
				const id = await started(startUpload(7, input));
				expect((await appendPiece(id, 7, 0, new TextEncoder().encode('{}')))?.ok).toBe(true);
				expect((await finishUpload(db, id, 7))?.ok).toBe(true);
				await vi.waitFor(async () => expect((await uploadStatus(id, 7))?.state).toBe('failed'));
				ids.push(id);
			}
			await started(startUpload(7, input));
			const kept = [];
			for (const id of ids) kept.push((await uploadStatus(id, 7)) !== null);
			expect(kept).toEqual([false, false, true, true, true, true]);
		} finally {
			await closeDatabase(db);
		}
	});

	it('takes parallel starts one at a time: exactly two of an administrator', async () => {
		noUploads();
		const answers = await Promise.all(Array.from({ length: 7 }, () => startUpload(10, input)));
		expect(answers.filter((a) => a.ok)).toHaveLength(2);
	});

	it('fails an upload whose reading process died, which frees its place', async () => {
		noUploads();
		// a pid that was alive a moment ago and is not any more
		const dead = spawnSync(process.execPath, ['-e', '']).pid!;
		const id = await started(startUpload(8, input));
		writeUpload({ ...readUpload(id)!, received: 2, state: 'reading', reader: dead });
		await started(startUpload(8, input));
		const status = await uploadStatus(id, 8);
		expect(status?.state).toBe('failed');
		expect(status?.message).toBeTruthy();
		await started(startUpload(8, input));
		expect(await refusedCode(startUpload(8, input))).toBe('rate_limited');
	});

	it('waits for a lock held by a live process, and breaks one left by a dead one', async () => {
		noUploads();
		const lock = join(uploadDirectory, 'lock');
		mkdirSync(uploadDirectory, { recursive: true });
		const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
		try {
			writeFileSync(lock, String(holder.pid));
			const since = Date.now();
			setTimeout(() => rmSync(lock, { force: true }), 300);
			await started(startUpload(9, input));
			expect(Date.now() - since).toBeGreaterThanOrEqual(290);
		} finally {
			holder.kill();
		}
		writeFileSync(lock, String(spawnSync(process.execPath, ['-e', '']).pid));
		await started(startUpload(9, input));
		expect(existsSync(lock)).toBe(false);
	});

	it("removes the folders of servers that are gone, not this one's or a live one's", async () => {
		noUploads();
		const id = await started(startUpload(11, input));
		const dead = join(
			tmpdir(),
			`lifecircle-imports-${spawnSync(process.execPath, ['-e', '']).pid}`
		);
		const live = join(tmpdir(), `lifecircle-imports-${process.ppid}`);
		const liveExisted = existsSync(live);
		for (const folder of [dead, live]) {
			mkdirSync(folder, { recursive: true });
			writeFileSync(join(folder, 'AAAAAAAAAAAAAAAA'), 'x');
		}
		try {
			removeDeadFolders();
			expect(existsSync(dead)).toBe(false);
			expect(existsSync(join(live, 'AAAAAAAAAAAAAAAA'))).toBe(true);
			expect(existsSync(join(uploadDirectory, id))).toBe(true);
		} finally {
			rmSync(join(live, 'AAAAAAAAAAAAAAAA'), { force: true });
			if (!liveExisted) rmSync(live, { recursive: true, force: true });
		}
	});
});
