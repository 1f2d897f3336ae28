/**
 * Long computations off the event loop: a worker_threads worker runs a bundled entry (see
 * source-plugin.ts) and answers requests in order. One worker per kind of job; a job's answer comes
 * back as structured clone, typed arrays on a SharedArrayBuffer shared rather than copied.
 */
import { createRequire } from 'node:module';
import { Worker, type TransferListItem } from 'node:worker_threads';

interface Pending {
	resolve: (value: unknown) => void;
	reject: (error: Error) => void;
}

export interface Thread {
	/** Posts a request; resolves with the worker's answer, rejects with its error (or its crash). */
	call<T>(request: object, transfer?: TransferListItem[]): Promise<T>;
	/** Requests posted and not yet answered. */
	readonly pending: number;
	close(): Promise<void>;
}

/**
 * Starts `source` (a bundled CommonJS script) in a worker. Its `require` resolves from this
 * project, so the database drivers (kept out of the bundle) load from node_modules in dev, tests
 * and the built server alike. A crashed worker fails what it was doing and is started again on the
 * next call.
 */
export function startThread(source: string, name: string): Thread {
	const base = createRequire(import.meta.url).resolve('better-sqlite3');
	const script = `(function (require) {\n${source}\n})(require('node:module').createRequire(${JSON.stringify(base)}));`;
	let worker: Worker | undefined;
	let next = 0;
	const pending = new Map<number, Pending>();

	const failAll = (error: Error) => {
		for (const p of pending.values()) p.reject(error);
		pending.clear();
	};
	const spawn = () => {
		const started = new Worker(script, { eval: true, name });
		started.on(
			'message',
			(message: { id: number; ok: boolean; value?: unknown; error?: string }) => {
				const waiting = pending.get(message.id);
				if (!waiting) return;
				pending.delete(message.id);
				// idle again: an idle worker must not keep the process alive (a server stopped with
				// SIGTERM otherwise never exited: the worker's port was its last handle)
				if (pending.size === 0) started.unref();
				if (message.ok) waiting.resolve(message.value);
				else waiting.reject(new Error(message.error));
			}
		);
		started.on('error', (error) => {
			worker = undefined;
			failAll(error);
		});
		started.on('exit', (code) => {
			if (worker === started) worker = undefined;
			failAll(new Error(`${name} worker exited (code ${code})`));
		});
		return started;
	};

	return {
		call<T>(request: object, transfer: TransferListItem[] = []): Promise<T> {
			worker ??= spawn();
			// a worker keeps the process alive while it has work, not when idle
			worker.ref();
			const id = next++;
			const promise = new Promise<T>((resolve, reject) =>
				pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
			);
			worker.postMessage({ id, request }, transfer);
			return promise;
		},
		get pending() {
			return pending.size;
		},
		async close() {
			const running = worker;
			worker = undefined;
			await running?.terminate();
		}
	};
}
