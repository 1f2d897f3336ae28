/** The worker's side of threads/index.ts: answers each request with `handle`, one at a time. */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, type TransferListItem } from 'node:worker_threads';

export interface Answer {
	value: unknown;
	/** buffers to move rather than copy */
	transfer?: TransferListItem[];
}

/**
 * Lowers this thread's scheduling priority (Linux: a thread has its own nice value, set through
 * its thread id), so that on a busy machine the main thread, which answers requests, gets the CPU
 * first and the worker takes what is left. Elsewhere nothing changes.
 */
function yieldToMainThread(nice: number): void {
	try {
		const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
		if (tid > 0) setPriority(tid, nice);
	} catch {
		// not Linux, or not allowed: the worker runs at the process's priority
	}
}

export function serveThread(handle: (request: never) => Answer | Promise<Answer>): void {
	if (!parentPort) throw new Error('serveThread runs inside a worker thread');
	yieldToMainThread(10);
	const port = parentPort;
	let queue = Promise.resolve();
	port.on('message', ({ id, request }: { id: number; request: never }) => {
		queue = queue.then(async () => {
			try {
				const { value, transfer } = await handle(request);
				port.postMessage({ id, ok: true, value }, transfer ?? []);
			} catch (error) {
				port.postMessage({
					id,
					ok: false,
					error: error instanceof Error ? (error.stack ?? error.message) : String(error)
				});
			}
		});
	});
}
