// Long map work is cut into slices that give the main thread back between them, so taps, scrolling and
// painting are never held up for long (Lighthouse counts every task over 50 ms on a 4× slower phone).

/** Work per slice on this machine; a phone four times slower still stays under 50 ms. */
export const sliceBudgetMs = 8;

interface Scheduler {
	yield?: () => Promise<void>;
}

/** Resolves in a later task: scheduler.yield where the browser has it (it keeps its place in line). */
export function yieldToMain(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
	if (scheduler?.yield) return scheduler.yield();
	return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A deadline to compare `performance.now()` against; `next()` yields and starts a new slice. */
export function slices(budgetMs = sliceBudgetMs) {
	let deadline = performance.now() + budgetMs;
	return {
		due: () => performance.now() > deadline,
		async next() {
			await yieldToMain();
			deadline = performance.now() + budgetMs;
		}
	};
}
