/**
 * A small seeded pseudo-random generator (mulberry32), so that the demo city is the same for the same
 * seed on every machine. Never Math.random or the clock: the seed module and the tests rely on it.
 */

/** FNV-1a over a label, so that each stage of the generator draws from its own stream. */
function hashLabel(label: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < label.length; index++) {
		hash ^= label.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/**
	 * An independent stream for one stage (network, residences, …): changing how many numbers one stage
	 * draws does not reshuffle the others.
	 */
	static forStage(seed: number, stage: string): Random {
		return new Random(Math.imul(seed >>> 0, 0x9e3779b1) ^ hashLabel(stage));
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let mixed = this.state;
		mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
		mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
	}

	/** Uniform in [min, max). */
	between(min: number, max: number): number {
		return min + (max - min) * this.next();
	}

	/** Uniform integer in [min, max], both ends included. */
	integer(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** A new array in random order (Fisher–Yates). */
	shuffled<T>(items: readonly T[]): T[] {
		const copy = [...items];
		for (let index = copy.length - 1; index > 0; index--) {
			const other = Math.floor(this.next() * (index + 1));
			[copy[index], copy[other]] = [copy[other], copy[index]];
		}
		return copy;
	}

	/** Standard normal (Box–Muller). */
	normal(): number {
		const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
		return radius * Math.cos(2 * Math.PI * this.next());
	}
}
