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

/**
 * A deadline to compare `due()` against; `next()` yields and starts a new slice. Each slice is a
 * `performance.measure(name)` entry, so tests (and the browser's performance panel) can see how the
 * work was cut up.
 */
export function slices(name: string, budgetMs = sliceBudgetMs) {
	let start = performance.now();
	let deadline = start + budgetMs;
	const end = () => {
		performance.measure(name, { start, end: performance.now() });
	};
	return {
		due: () => performance.now() > deadline,
		async next() {
			end();
			await yieldToMain();
			start = performance.now();
			deadline = start + budgetMs;
		},
		end
	};
}

/**
 * Resolves once the browser has painted the next frame (a task after the frame's animation
 * callback): the page's own content is on screen before heavy work (Leaflet, the markers) starts.
 * Where no frame comes (a hidden tab), it resolves in a later task.
 */
export function afterNextPaint(): Promise<void> {
	return new Promise((resolve) => {
		if (document.visibilityState === 'hidden') setTimeout(resolve, 0);
		else requestAnimationFrame(() => setTimeout(resolve, 0));
	});
}
