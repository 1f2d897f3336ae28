/**
 * Cost-based token buckets, one per client: each holds milliseconds of server time, refills at
 * `msPerSecond` up to `burstMs`, and each costly answer spends what it took. A bucket may go into
 * debt, at most one burst deep (answers already running when it emptied, or one that was slow); the
 * client is refused until it is positive again.
 */
export interface BudgetSettings {
	msPerSecond: number;
	burstMs: number;
	/** buckets kept at most; full ones are forgotten first (a full bucket is the same as none) */
	maxClients?: number;
	/** answers one client may have running at once */
	maxRunning?: number;
}

export type BudgetState = { allowed: true } | { allowed: false; retryAfterS: number };

interface Bucket {
	ms: number;
	at: number;
}

export class Buckets {
	readonly #buckets = new Map<string, Bucket>();
	readonly #msPerSecond: number;
	readonly #burstMs: number;
	readonly #maxClients: number;
	readonly #maxRunning: number;
	readonly #running = new Map<string, number>();

	constructor({ msPerSecond, burstMs, maxClients = 20_000, maxRunning = 4 }: BudgetSettings) {
		this.#msPerSecond = msPerSecond;
		this.#burstMs = burstMs;
		this.#maxClients = maxClients;
		this.#maxRunning = maxRunning;
	}

	get size(): number {
		return this.#buckets.size;
	}

	#balance(client: string, now: number): number {
		const bucket = this.#buckets.get(client);
		if (!bucket) return this.#burstMs;
		return Math.min(this.#burstMs, bucket.ms + ((now - bucket.at) / 1000) * this.#msPerSecond);
	}

	/** Whether the client may start another costly answer now. */
	check(client: string, now: number): BudgetState {
		// the first answers of a burst would all start on a full bucket before any is measured
		if ((this.#running.get(client) ?? 0) >= this.#maxRunning) {
			return { allowed: false, retryAfterS: 1 };
		}
		const balance = this.#balance(client, now);
		if (balance > 0) return { allowed: true };
		// seconds until the balance is above zero again
		const retryAfterS = Math.max(1, Math.ceil((-balance + 1) / this.#msPerSecond));
		return { allowed: false, retryAfterS };
	}

	/**
	 * Takes what an answer cost from the client's bucket (a negative amount gives back what an
	 * estimate taken in advance overstated).
	 */
	spend(client: string, ms: number, now: number): void {
		const ms0 = this.#balance(client, now);
		// delete + set keeps the map in order of last use, so the oldest are forgotten first
		this.#buckets.delete(client);
		// debt is capped at one burst: an answer that happened to pay for a rebuild of the coverage
		// engine (hundreds of ms, once per data change) does not lock its client out for minutes
		this.#buckets.set(client, { ms: Math.max(-this.#burstMs, ms0 - ms), at: now });
		if (this.#buckets.size > this.#maxClients) this.#forget(now);
	}

	/** An answer for the client starts (call `finished` when it is done, whatever happened). */
	started(client: string): void {
		this.#running.set(client, (this.#running.get(client) ?? 0) + 1);
	}

	finished(client: string): void {
		const running = (this.#running.get(client) ?? 1) - 1;
		if (running > 0) this.#running.set(client, running);
		else this.#running.delete(client);
	}

	/** Drops the buckets that have refilled, then, if still too many, the least recently used. */
	#forget(now: number): void {
		for (const client of [...this.#buckets.keys()]) {
			if (this.#balance(client, now) >= this.#burstMs) this.#buckets.delete(client);
		}
		for (const client of this.#buckets.keys()) {
			if (this.#buckets.size <= this.#maxClients * 0.9) break;
			this.#buckets.delete(client);
		}
	}
}

/**
 * The bucket a client address spends from. An IPv6 client usually holds a whole /64, so its
 * addresses share one bucket; IPv4 (also IPv4-mapped IPv6) addresses have one each.
 */
export function clientKey(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1];
	if (!address.includes(':')) return address;
	const [head, tail = ''] = address.split('::');
	const headGroups = head ? head.split(':') : [];
	const tailGroups = tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
		: headGroups;
	return (
		groups
			.slice(0, 4)
			.map((g) => parseInt(g || '0', 16).toString(16))
			.join(':') + '::/64'
	);
}
