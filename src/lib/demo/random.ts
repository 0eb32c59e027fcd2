/** A small seeded PRNG (mulberry32) so demo data and tests are the same on every machine. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(min: number, maxInclusive: number): number {
		return min + Math.floor(this.next() * (maxInclusive - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Picks by weight: weights need not sum to 1. */
	weighted<T>(items: readonly T[], weight: (item: T) => number): T {
		const total = items.reduce((s, i) => s + weight(i), 0);
		let r = this.next() * total;
		for (const item of items) {
			r -= weight(item);
			if (r <= 0) return item;
		}
		return items[items.length - 1];
	}

	normal(): number {
		const u = 1 - this.next();
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Log-normal with the given median and shape. */
	logNormal(median: number, sigma: number): number {
		return median * Math.exp(sigma * this.normal());
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	/** A derived generator, so adding draws in one part does not shift another part's data. */
	fork(salt: number): Random {
		return new Random((this.state ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0);
	}
}
