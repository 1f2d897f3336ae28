/** The worker's side of threads/index.ts: answers each request with `handle`, one at a time. */
import { parentPort, type TransferListItem } from 'node:worker_threads';

export interface Answer {
	value: unknown;
	/** buffers to move rather than copy */
	transfer?: TransferListItem[];
}

export function serveThread(handle: (request: never) => Answer | Promise<Answer>): void {
	if (!parentPort) throw new Error('serveThread runs inside a worker thread');
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
