// the module's own, which a test's fake timers leave alone
import { setImmediate as afterPendingIo } from 'node:timers';

/**
 * Turns for the costly answers of one process: at most `atOnce` are worked on at a time, the others
 * wait in order of arrival. A budget per client address cannot stop a crowd of addresses, each within
 * its budget (twenty clients opening life circles: /healthz waited behind twenty renders, p99 116 ms
 * with no budget at all, 680 ms on the build before the hook chain); with turns, a cheap request waits
 * behind `atOnce` of them at most, and the costly ones queue among themselves. A turn is handed
 * over after the I/O already waiting (setImmediate), not at once: handed over in the same task, one
 * ending render started the next, and the next, without the event loop ever reading the sockets in
 * between (/healthz waited behind the whole queue: p50 45 ms, p99 141 ms with twenty clients).
 */
export class Turns {
	readonly #atOnce: number;
	#working = 0;
	readonly #waiting: (() => void)[] = [];

	constructor(atOnce: number) {
		this.#atOnce = Math.max(1, Math.floor(atOnce));
	}

	/** Waits for a turn; call the returned function exactly once when the work is done. */
	async take(): Promise<() => void> {
		if (this.#working < this.#atOnce) this.#working++;
		// the turn is handed over by the one that ends (the count stays): nobody overtakes
		else await new Promise<void>((resolve) => this.#waiting.push(resolve));
		let given = false;
		return () => {
			if (given) return;
			given = true;
			const next = this.#waiting.shift();
			if (next) afterPendingIo(next);
			else this.#working--;
		};
	}

	get working(): number {
		return this.#working;
	}

	get waiting(): number {
		return this.#waiting.length;
	}
}
