// the module's own, which a test's fake timers leave alone
import { setImmediate as afterPendingIo } from 'node:timers';

/**
 * Turns for the costly answers of one process: at most `atOnce` are worked on at a time, the others
 * wait in order of arrival. A budget per client address cannot stop a crowd of addresses, each within
 * its budget (twenty clients opening life circles: /healthz waited behind twenty renders, p99 116 ms
 * with no budget at all, 680 ms on the build before the hook chain); with turns, a cheap request waits
 * behind `atOnce` of them at most, and the costly ones queue among themselves.
 *
 * A turn is given back one pass of the event loop after its work ended (setImmediate), after the
 * I/O already waiting, not at once, for two reasons. Handed over in the same task, one ending render
 * started the next, and the next, without the event loop reading the sockets in between (/healthz
 * waited behind the whole queue: p50 45 ms, p99 141 ms with twenty clients). And the server starts
 * every request in a setImmediate of its own (polka), so twenty requests read in one poll begin in
 * one pass of the loop: once the engine and the database pages were warm, each render ran from
 * start to end inside its own request's callback, no two ever overlapped, a free turn was taken and
 * given back twenty times in that one pass, and /healthz waited behind all twenty (the "second
 * wave": p50 40–115 ms against 12–16 on a cold server). Given back a pass later, a turn is still
 * held when the next request of the same pass asks, so one pass of the loop renders `atOnce` pages
 * at most.
 */
export class Turns {
	readonly #atOnce: number;
	#working = 0;
	readonly #waiting: (() => void)[] = [];

	constructor(atOnce: number) {
		this.#atOnce = Math.max(1, Math.floor(atOnce));
	}

	/** Waits for a turn; call the returned function when the work is done (a second call does nothing). */
	async take(): Promise<() => void> {
		if (this.#working < this.#atOnce) this.#working++;
		// the turn is handed over by the one that ends (the count stays): nobody overtakes
		else await new Promise<void>((resolve) => this.#waiting.push(resolve));
		let given = false;
		return () => {
			if (given) return;
			given = true;
			afterPendingIo(() => {
				const next = this.#waiting.shift();
				if (next) next();
				else this.#working--;
			});
		};
	}

	get working(): number {
		return this.#working;
	}

	get waiting(): number {
		return this.#waiting.length;
	}
}
